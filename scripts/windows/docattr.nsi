; docattr.nsi — the Windows installer, built on Linux with Debian's nsis:
;   makensis -DVERSION=0.1.0 -DDIST=dist -DICON=docattr.ico "-XOutFile ..." docattr.nsi
; (scripts/release.sh installer does this). It installs docattr.exe (the
; window) and docattr-cli.exe (the console command line) into Program Files,
; adds a Start menu entry, an uninstaller listed in 应用和功能, and a
; "用 docattr 标注" entry on the Explorer context menu of .docx files.
; Windows 10 or later (Go's own minimum). The installer itself is a 64-bit
; program (docattr is 64-bit only): it runs under a 64-bit-only Wine, where
; CI installs and uninstalls it (scripts/installer-run.sh).
Target amd64-unicode
!include "MUI2.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

Name "公文公开属性助手 ${VERSION}"
InstallDir "$PROGRAMFILES64\docattr"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
!define UNINST "Software\Microsoft\Windows\CurrentVersion\Uninstall\docattr"
!define MENU "Software\Classes\SystemFileAssociations\.docx\shell\docattr"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "公文公开属性助手"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "公文公开属性助手 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "docattr"

; The messages carry /SD IDOK so that a silent install (/S) on the wrong
; Windows ends with an error code instead of waiting for a click.
Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "公文公开属性助手需要 Windows 10 或更高版本。" /SD IDOK
    Abort
  ${EndIf}
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "公文公开属性助手需要 64 位 Windows。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "docattr"
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File "${DIST}\docattr.exe"
  File "${DIST}\docattr-cli.exe"
  File "${DIST}\OFL.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\公文公开属性助手.lnk" "$INSTDIR\docattr.exe"

  WriteRegStr HKLM "${MENU}" "MUIVerb" "用 docattr 标注"
  WriteRegStr HKLM "${MENU}" "Icon" "$INSTDIR\docattr.exe"
  WriteRegStr HKLM "${MENU}\command" "" '"$INSTDIR\docattr.exe" "%1"'

  WriteRegStr HKLM "${UNINST}" "DisplayName" "公文公开属性助手"
  WriteRegStr HKLM "${UNINST}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST}" "Publisher" "docattr"
  WriteRegStr HKLM "${UNINST}" "DisplayIcon" "$INSTDIR\docattr.exe"
  WriteRegStr HKLM "${UNINST}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINST}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST}" "NoRepair" 1
SectionEnd

; The audit log, keys and settings in %LocalAppData%\docattr stay: they are
; the office's records, not the program's.
Section "Uninstall"
  SetShellVarContext all
  SetRegView 64
  Delete "$SMPROGRAMS\公文公开属性助手.lnk"
  DeleteRegKey HKLM "${MENU}"
  DeleteRegKey HKLM "${UNINST}"
  Delete "$INSTDIR\docattr.exe"
  Delete "$INSTDIR\docattr-cli.exe"
  Delete "$INSTDIR\OFL.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
