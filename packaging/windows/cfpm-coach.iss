; Inno Setup 6 script for CFPM Coach on Windows 10/11 x64. Built by build.ps1, which passes
;   /DAppVersion=X.Y.Z            the version (cfpm_coach.__version__)
;   /DSignToolName=cfpmsign       and /Scfpmsign=...  to sign the installer and uninstaller
; Compile by hand:  ISCC.exe /DAppVersion=0.1.0 packaging\windows\cfpm-coach.iss
; Paths are relative to this file; the app folder is dist\cfpm-coach from PyInstaller.

#define AppName "CFPM Coach"
#define AppExe "cfpm-coach.exe"
#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z (build.ps1 does)
#endif

[Setup]
; The AppId identifies the installation for upgrades and uninstall: never change it.
AppId={{E6877495-F542-42B2-9A8A-4C013BA88DFC}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=CFPM Coach developers
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Coaches rarely have admin rights on county laptops: install per user unless they choose otherwise.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=cfpm-coach-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\cfpm-coach.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
#ifdef SignToolName
SignTool={#SignToolName}
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no file of an older build lingers in _internal.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\cfpm-coach\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder (%LOCALAPPDATA%\cfpm-coach): uninstalling the program
; never deletes a coach's observations, keys or backups.
