#!/usr/bin/env bash
# Build CFPM Coach for macOS: PyInstaller .app, self-test, codesign, notarize, staple, .dmg.
# Run on a Mac (Xcode command line tools, Python 3.11 from python.org) from anywhere:
#     packaging/macos/build.sh
# Signing and notarization (skipped, with a warning, when unset):
#     CFPM_CODESIGN_IDENTITY  "Developer ID Application: <Org> (<TEAMID>)" in the login keychain
#     CFPM_NOTARY_PROFILE     a notarytool keychain profile (xcrun notarytool store-credentials)
# Output: dist/CFPM Coach.app and dist/cfpm-coach-<version>-macos-<arch>.dmg
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3.11}"
IDENTITY="${CFPM_CODESIGN_IDENTITY:-}"
NOTARY="${CFPM_NOTARY_PROFILE:-}"
APP="dist/CFPM Coach.app"

# 1. A build environment of its own (not the developer's venv).
test -d .venv-mac || "$PYTHON" -m venv .venv-mac
PY=.venv-mac/bin/python
"$PY" -m pip install --quiet --upgrade pip
"$PY" -m pip install --quiet -e '.[package]'
VERSION="$("$PY" -c 'import cfpm_coach; print(cfpm_coach.__version__)')"
ARCH="$(uname -m)"

# 2. Icons: the PNGs (1024 for the Retina 512 slot), an .iconset, then the .icns.
rm -rf build/icons
"$PY" packaging/render_icons.py build/icons 16 32 64 128 256 512 1024 >/dev/null
SET=build/icons/cfpm-coach.iconset
mkdir -p "$SET"
for size in 16 32 128 256 512; do
  cp "build/icons/hicolor/${size}x${size}/apps/cfpm-coach.png" "$SET/icon_${size}x${size}.png"
  double=$((size * 2))
  cp "build/icons/hicolor/${double}x${double}/apps/cfpm-coach.png" "$SET/icon_${size}x${size}@2x.png"
done
iconutil -c icns "$SET" -o build/icons/cfpm-coach.icns

# 3. The .app (windowed). With an identity, PyInstaller signs every binary inside and the bundle
#    with the hardened runtime and packaging/macos/entitlements.plist.
QTCORE="$("$PY" -c 'import PySide6, pathlib; print(pathlib.Path(PySide6.__file__).parent / "Qt/lib/QtCore.framework/QtCore")')"
export CFPM_MACOS_MIN="$(vtool -show-build "$QTCORE" | awk '/minos/ {print $2; exit}')"
export CFPM_CODESIGN_IDENTITY="$IDENTITY"
"$PY" -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/cfpm-coach.spec
if [ -n "$IDENTITY" ]; then
  codesign --verify --deep --strict --verbose=2 "$APP"
else
  echo "warning: CFPM_CODESIGN_IDENTITY is not set: the app is ad-hoc signed and will not pass Gatekeeper" >&2
fi

# 4. Self-test of the built app. A windowed app may have no console: read its result file.
rm -rf build/self-test
if ! "$APP/Contents/MacOS/cfpm-coach" --self-test --self-test-dir build/self-test; then
  echo "the built app failed its self-test: $(cat build/self-test/self-test.txt 2>/dev/null)" >&2
  exit 1
fi
cat build/self-test/self-test.txt

notarize() {  # submit a .zip or .dmg, wait for Apple's verdict, staple the ticket to $2
  xcrun notarytool submit "$1" --keychain-profile "$NOTARY" --wait
  xcrun stapler staple "$2"
  xcrun stapler validate "$2"
}

# 5. Notarize the app itself (so it opens offline once copied out of the disk image).
if [ -n "$IDENTITY" ] && [ -n "$NOTARY" ]; then
  ditto -c -k --keepParent "$APP" build/app-for-notary.zip
  notarize build/app-for-notary.zip "$APP"
  spctl --assess --type execute --verbose=2 "$APP"
else
  echo "warning: CFPM_NOTARY_PROFILE (or the identity) is not set: not notarized" >&2
fi

# 6. The disk image: the app and a link to /Applications; signed and notarized in turn.
DMG="dist/cfpm-coach-${VERSION}-macos-${ARCH}.dmg"
STAGE=build/dmg
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/CFPM Coach.app"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "CFPM Coach ${VERSION}" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
if [ -n "$IDENTITY" ]; then
  codesign --sign "$IDENTITY" --timestamp "$DMG"
  if [ -n "$NOTARY" ]; then
    notarize "$DMG" "$DMG"
    spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
  fi
fi
echo "Built $DMG"
