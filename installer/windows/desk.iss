; Inno Setup 6 script: a per-user Windows installer for Desk (全岗接待台). No administrator
; rights needed: the desk goes to %LOCALAPPDATA%\Programs\Desk, shortcuts to the user's start
; menu and desktop, and a scheduled task runs the nightly `desk sync`.
;
; Build on Windows (see installer/README.md):
;   pyinstaller --noconfirm --distpath build\dist --workpath build\pyinstaller installer\desk.spec
;   iscc /DAppVersion=0.1.0 installer\windows\desk.iss        -> build\windows\desk-setup-0.1.0.exe
; Options: /DSyncTime=03:15 (HH:MM, default 02:30: the fallback for nights the window is closed;
; the open window syncs by itself at the station's sync_time, default 02:00).
;
; Uninstalling removes the program and the scheduled task and KEEPS the data folder
; (%LOCALAPPDATA%\desk\desk: the database and its backups): Inno Setup only removes what it
; installed, and this script never deletes the data folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SyncTime
  #define SyncTime "02:30"
#endif
#define AppName "全岗接待台 Desk"
; No folder in the task name: a user without administrator rights may not create one.
#define SyncTaskName "Desk nightly sync"
#define Bundle "..\..\build\dist\desk"

[Setup]
; AppId identifies the installation for upgrades: never change it.
AppId={{6F1C2D4E-8B3A-4F57-9E21-5D0C7A3B9E64}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Desk
DefaultDirName={autopf}\Desk
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\build\windows
OutputBaseFilename=desk-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\desk.ico
UninstallDisplayIcon={app}\desk.exe
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; Upgrading over a running desk: ask to close it first.
CloseApplications=yes
; The recovery kit in the station chief's words (zh and en), shown after installing.
InfoAfterFile=after-install.txt

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Chinese wizard texts: put ChineseSimplified.isl (from https://jrsoftware.org/files/istrans/)
; next to this script; without it the wizard is in English.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "zh"; MessagesFile: "ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "nightlysync"; Description: "Sync with the central server every night at {#SyncTime} / 每晚 {#SyncTime} 与中心服务器同步"

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\desk.exe"; IconFilename: "{app}\desk.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\desk.exe"; Tasks: desktopicon

[Run]
; The nightly sync, as the installing user (runs while that user is logged on; see README).
; desk.exe is the windowless program, so no console flashes up at night.
Filename: "{sys}\schtasks.exe"; \
  Parameters: "/Create /F /SC DAILY /ST {#SyncTime} /TN ""{#SyncTaskName}"" /TR ""\""{app}\desk.exe\"" sync"""; \
  Flags: runhidden; Tasks: nightlysync; StatusMsg: "Scheduling the nightly sync..."
Filename: "{app}\desk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallRun]
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /F /TN ""{#SyncTaskName}"""; \
  Flags: runhidden; RunOnceId: "DeleteSyncTask"
