; BranchBook (支部台账) Windows installer, built by scripts/dist-win.sh with Debian's makensis (no plugins downloaded).
; Per-user: no admin rights; installs to %LOCALAPPDATA%\Programs\支部台账; upgrades in place over an older version.
; The uninstaller removes program files only, never the data folder %APPDATA%\org.branchbook.desktop.
;
; makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DSRCDIR=<folder with the exe, CLI and dll> -DICON=<icon.ico>
;          -DOUTFILE=<setup.exe> packaging/windows/installer.nsi
Unicode true
; A 64-bit installer for a 64-bit app: it reads the native registry view, and Debian's wine64 (the CI check) runs it
; without 32-bit wine. On 32-bit Windows it does not start at all (the app could not run there either).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 32
RequestExecutionLevel user

!ifndef VERSION | SRCDIR | ICON | OUTFILE
  !error "define VERSION, SRCDIR, ICON and OUTFILE (see the head of this file)"
!endif

!define APPNAME "支部台账"
!define APPID "org.branchbook.desktop"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPID}"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
; Upgrade in place: an installed version's folder wins over the default.
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "支部台账：党员名册、分类管理、组织生活、积分管理，离线使用。$\r$\n$\r$\n本程序只为当前 Windows 用户安装，不需要管理员权限。如果已安装旧版本，将在原位置升级，台账数据保持不变。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_FUNCTION RunApp
!define MUI_FINISHPAGE_RUN_TEXT "现在打开 ${APPNAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从本机删除 ${APPNAME} 的程序文件和快捷方式。$\r$\n台账数据不会被删除：数据文件夹 %APPDATA%\${APPID} 及其中的备份会保留，重新安装后可以继续使用。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Var WebView2Version

; The Evergreen WebView2 runtime registers its version (pv) per machine (64-bit and 32-bit registry views) or per user.
Function FindWebView2
  StrCpy $WebView2Version ""
  ReadRegStr $WebView2Version HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${If} $WebView2Version == ""
  ${OrIf} $WebView2Version == "0.0.0.0"
    ReadRegStr $WebView2Version HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $WebView2Version == ""
  ${OrIf} $WebView2Version == "0.0.0.0"
    ReadRegStr $WebView2Version HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  ${EndIf}
  ${If} $WebView2Version == "0.0.0.0"
    StrCpy $WebView2Version ""
  ${EndIf}
FunctionEnd

Function .onInit
  SetShellVarContext current
  Call FindWebView2
  ${If} $WebView2Version == ""
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 \
      "本机没有找到 Microsoft Edge WebView2 运行时，${APPNAME} 需要它才能打开。$\r$\n$\r$\n\
请安装 WebView2 运行时的离线安装包（例如 U 盘中的 MicrosoftEdgeWebView2RuntimeInstallerX64.exe，\
可在有网络的电脑上从微软网站下载“常青版独立安装程序 x64”后拷贝过来），装好后再打开${APPNAME}。\
Windows 11 和已更新的 Windows 10 一般已经自带。$\r$\n$\r$\n\
点击“是”：继续安装${APPNAME}，稍后再安装 WebView2 运行时。$\r$\n\
点击“否”：退出安装。" \
      /SD IDYES IDYES webview2_continue
    Abort
    webview2_continue:
  ${EndIf}
FunctionEnd

; Without WebView2 the app cannot open: say so again instead of starting a program that fails.
Function RunApp
  Call FindWebView2
  ${If} $WebView2Version == ""
    MessageBox MB_OK|MB_ICONEXCLAMATION "${APPNAME} 已安装，但本机还没有 WebView2 运行时。请先安装 WebView2 运行时的离线安装包（例如 U 盘中的 MicrosoftEdgeWebView2RuntimeInstallerX64.exe），然后从桌面上的“${APPNAME}”图标打开。"
  ${Else}
    Exec '"$INSTDIR\branchbook.exe"'
  ${EndIf}
FunctionEnd

; A running app (or CLI) keeps its exe locked: ask to close it instead of failing half-way through an upgrade.
!macro WaitUnlocked FILE
  ${Do}
    ${IfNot} ${FileExists} "${FILE}"
      ${Break}
    ${EndIf}
    ClearErrors
    FileOpen $0 "${FILE}" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME} 正在运行。请先关闭${APPNAME}窗口，然后点击“重试”。" /SD IDCANCEL IDRETRY +2
    Abort "${APPNAME} 正在运行，安装已取消。"
  ${Loop}
!macroend

Section "${APPNAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  !insertmacro WaitUnlocked "$INSTDIR\branchbook.exe"
  !insertmacro WaitUnlocked "$INSTDIR\branchbook-cli.exe"
  SetOutPath "$INSTDIR"
  SetOverwrite on
  File "${SRCDIR}\branchbook.exe"
  File "${SRCDIR}\branchbook-cli.exe"
  File "${SRCDIR}\WebView2Loader.dll"
  File "/oname=branchbook.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\branchbook.exe" "" "$INSTDIR\branchbook.ico" 0
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\branchbook.exe" "" "$INSTDIR\branchbook.ico" 0

  ; Add/Remove Programs (per user).
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "BranchBook"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\branchbook.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
  DetailPrint "台账数据保存在 %APPDATA%\${APPID}（升级不会改动其中的数据）。"
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

; Removes only what the installer put there; the data folder %APPDATA%\org.branchbook.desktop is never touched.
Section "Uninstall"
  SetShellVarContext current
  !insertmacro WaitUnlocked "$INSTDIR\branchbook.exe"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  Delete "$INSTDIR\branchbook.exe"
  Delete "$INSTDIR\branchbook-cli.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\branchbook.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DetailPrint "程序已卸载。台账数据仍保存在 %APPDATA%\${APPID}，没有删除。"
  MessageBox MB_OK|MB_ICONINFORMATION "${APPNAME} 已卸载。$\r$\n$\r$\n台账数据没有删除，仍保存在：$\r$\n$APPDATA\${APPID}$\r$\n如不再需要，可以自己备份后再删除这个文件夹。" /SD IDOK
SectionEnd
