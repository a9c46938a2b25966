<#
.SYNOPSIS
  Build the CFPM Coach installer for Windows: PyInstaller folder, self-test, Inno Setup, signing.

.DESCRIPTION
  Run on a Windows 10/11 x64 build machine from the repository root or anywhere:
      powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
  Needs: Python 3.11 x64 (the `py` launcher), Inno Setup 6 (ISCC.exe), and for signing the
  Windows SDK's signtool.exe with the code-signing certificate in the certificate store.
  Output: dist\cfpm-coach\ (the app folder) and dist\cfpm-coach-<version>-windows-x64-setup.exe.

.PARAMETER CertThumbprint
  SHA-1 thumbprint of the code-signing certificate (default $env:CFPM_SIGN_CERT_SHA1). Without
  one the build is unsigned, which is fine for testing and not for handing out.

.PARAMETER TimestampUrl
  RFC 3161 timestamp server of the certificate's issuer (default $env:CFPM_TIMESTAMP_URL).
#>
param(
    [string]$CertThumbprint = $env:CFPM_SIGN_CERT_SHA1,
    [string]$TimestampUrl = $env:CFPM_TIMESTAMP_URL,
    [string]$Iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    [string]$SignTool = "signtool.exe"
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Exe $($Arguments -join ' ') failed ($LASTEXITCODE)" }
}

function Invoke-Sign([string]$Path) {
    Invoke-Checked $SignTool @("sign", "/sha1", $CertThumbprint, "/fd", "sha256",
                               "/tr", $TimestampUrl, "/td", "sha256", $Path)
    Invoke-Checked $SignTool @("verify", "/pa", $Path)
}

$Signing = [bool]$CertThumbprint
if ($Signing -and -not $TimestampUrl) { throw "Set -TimestampUrl (or CFPM_TIMESTAMP_URL) to sign" }

# 1. A build environment of its own (not the developer's venv).
$Venv = Join-Path $Root ".venv-win"
if (-not (Test-Path $Venv)) { Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv) }
$Py = Join-Path $Venv "Scripts\python.exe"
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $Py @("-m", "pip", "install", "--quiet", "-e", ".[package]")
$Version = (& $Py -c "import cfpm_coach; print(cfpm_coach.__version__)").Trim()

# 2. Icons: the hicolor PNGs, then one .ico (Pillow comes with ReportLab) for the exe and setup.
Invoke-Checked $Py @("packaging\render_icons.py", "build\icons")
Invoke-Checked $Py @("-c", "from PIL import Image; Image.open('build/icons/hicolor/256x256/apps/cfpm-coach.png').save('build/icons/cfpm-coach.ico', sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])")

# 3. The one-folder app (windowed: no console window behind it).
Invoke-Checked $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", "dist",
                     "--workpath", "build\pyinstaller", "packaging\cfpm-coach.spec")
$Exe = Join-Path $Root "dist\cfpm-coach\cfpm-coach.exe"
if ($Signing) { Invoke-Sign $Exe }

# 4. Self-test of the built folder. A windowed exe has no console: wait for its exit code and
#    read its one-line result from the folder it was given.
$Check = Join-Path $Root "build\self-test"
if (Test-Path $Check) { Remove-Item -Recurse -Force $Check }
$Run = Start-Process -FilePath $Exe -ArgumentList @("--self-test", "--self-test-dir", "`"$Check`"") `
    -Wait -PassThru -NoNewWindow
$Result = if (Test-Path "$Check\self-test.txt") { (Get-Content "$Check\self-test.txt" -Raw).Trim() } else { "(no result written)" }
if ($Run.ExitCode -ne 0) { throw "The built app failed its self-test ($($Run.ExitCode)): $Result" }
Write-Host $Result

# 5. The installer (signed, with its uninstaller, when a certificate was given).
$IsccArgs = @("/Q", "/DAppVersion=$Version")
if ($Signing) {
    $IsccArgs += "/DSignToolName=cfpmsign"
    # Inno Setup's own placeholders: $q a quote, $f the file to sign.
    $IsccArgs += "/Scfpmsign=`$q$SignTool`$q sign /sha1 $CertThumbprint /fd sha256 /tr $TimestampUrl /td sha256 `$f"
}
Invoke-Checked $Iscc ($IsccArgs + @("packaging\windows\cfpm-coach.iss"))
$Setup = Join-Path $Root "dist\cfpm-coach-$Version-windows-x64-setup.exe"
if ($Signing) { Invoke-Checked $SignTool @("verify", "/pa", $Setup) }
Write-Host "Built $Setup"
