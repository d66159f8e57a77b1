; Windows installer of dienchau-desktop (NSIS 3, Modern UI 2).
;
; A per-user installation: no administrator rights, nothing outside the user's own profile. The
; program goes to %LOCALAPPDATA%\Programs\BaoCaoDangUyXa, with a Start-menu and a desktop
; shortcut and an entry in Settings → Apps (HKCU). The uninstaller removes the program's own files
; only; the user's drafts in %LOCALAPPDATA%\DienChauBaoCao stay, and it says so.
;
; Build after `pyinstaller build_installer.spec`, on Windows (from the repository root):
;     makensis packaging\installer.nsi
; Every !define below can be overridden on the command line, for example:
;     makensis /DDIST_DIR=C:\build\dienchau-desktop /DOUTFILE=C:\out\setup.exe packaging\installer.nsi
; On Linux `makensis -DDIST_DIR=... -DAPP_EXE=dienchau-desktop ...` compiles the script against the
; Linux build as a check of the script itself (scripts/dev.py frozen does this, with
; -DNO_COMPRESSION: LZMA takes minutes on a small CI machine and a check needs no small file).
; Paths below are relative to this file's folder. The file is UTF-8 (with a byte order mark).

Unicode true
ManifestDPIAware true
!ifdef NO_COMPRESSION
  SetCompress off                               ; a quick check of the script, see above
!else
  SetCompressor /SOLID lzma                     ; the smallest file for the USB stick
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

; --- Parameters ---------------------------------------------------------------------------------

!ifndef APP_EXE
  !define APP_EXE "dienchau-desktop.exe"        ; the executable PyInstaller built
!endif
!ifndef DIST_DIR
  !define DIST_DIR "..\dist\dienchau-desktop"   ; the folder PyInstaller built (onedir)
!endif
!ifndef VERSION
  ; The version written in the package itself: dienchau_desktop/__init__.py.
  !searchparse /file "..\dienchau_desktop\__init__.py" `__version__ = "` VERSION `"`
!endif
!ifndef VERSION_QUAD
  !searchparse /noerrors "${VERSION}" "" VERSION_MAJOR "." VERSION_MINOR "." VERSION_PATCH
  !define VERSION_QUAD "${VERSION_MAJOR}.${VERSION_MINOR}.${VERSION_PATCH}.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\CaiDat-BaoCaoDangUyXa-${VERSION}.exe"
!endif

!define PRODUCT_NAME "Báo cáo Đảng ủy xã"
!define COMPANY_NAME "dienchau_desktop"
!define INSTALL_FOLDER "BaoCaoDangUyXa"
!define DATA_DIR_NAME "DienChauBaoCao"            ; dienchau_desktop.paths.APP_DIR_NAME
!define UNINSTALL_EXE "uninstall.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${INSTALL_FOLDER}"
!define SHORTCUT_NAME "${PRODUCT_NAME}.lnk"

!if /FileExists "${DIST_DIR}\${APP_EXE}"
!else
  !error "No ${APP_EXE} in ${DIST_DIR}: run `pyinstaller build_installer.spec` first, or pass /DDIST_DIR=..."
!endif

; --- The installer --------------------------------------------------------------------------------

Name "${PRODUCT_NAME}"
Caption "Cài đặt ${PRODUCT_NAME} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${INSTALL_FOLDER}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1066 "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=1066 "CompanyName" "${COMPANY_NAME}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${PRODUCT_NAME}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "Giấy phép MIT — ${COMPANY_NAME}"

!define MUI_ICON "..\resources\icons\app.ico"
!define MUI_UNICON "..\resources\icons\app.ico"
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${PRODUCT_NAME}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình giúp văn phòng Đảng ủy xã soạn, kiểm tra và in báo cáo. \
Chương trình chạy không cần Internet.$\r$\n$\r$\n\
Chương trình được cài cho riêng tài khoản Windows này và không cần quyền quản trị (admin).$\r$\n$\r$\n\
Nhấn Tiến để tiếp tục."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_TEXT "Đã cài xong ${PRODUCT_NAME}.$\r$\n$\r$\n\
Từ nay, mở chương trình bằng biểu tượng “${PRODUCT_NAME}” trên màn hình nền hoặc trong menu Start."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở chương trình ngay"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "Chương trình ${PRODUCT_NAME} sẽ được gỡ khỏi máy. \
Các bản nháp và báo cáo đã lưu của bạn KHÔNG bị xóa: chúng vẫn nằm trong thư mục \
$LOCALAPPDATA\${DATA_DIR_NAME}."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "Đã gỡ ${PRODUCT_NAME}"
!define MUI_FINISHPAGE_TEXT "Chương trình đã được gỡ khỏi máy.$\r$\n$\r$\n\
Các bản nháp của bạn vẫn được giữ trong thư mục:$\r$\n$LOCALAPPDATA\${DATA_DIR_NAME}$\r$\n$\r$\n\
Nếu cài lại chương trình, các bản nháp sẽ hiện ra như cũ. Chỉ xóa thư mục này khi chắc chắn \
không cần các bản nháp nữa."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "Vietnamese"

Function .onInit
  ; Qt 6 runs on 64-bit Windows 10 (version 1809, build 17763) and Windows 11 only.
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_ICONSTOP|MB_OK "Chương trình cần Windows 10 (bản 1809 trở lên) hoặc Windows 11, \
loại 64-bit. Máy này chưa đáp ứng nên không cài được." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "${PRODUCT_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  ; A new version replaces the old program files completely, so no stale file from an older build
  ; stays behind. Only the program's own folders are touched; the user's data lives elsewhere.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${DIST_DIR}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALL_EXE}"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT_NAME}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "Soạn, kiểm tra và in báo cáo của Đảng ủy xã"
  CreateShortcut "$DESKTOP\${SHORTCUT_NAME}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0 \
    SW_SHOWNORMAL "" "Soạn, kiểm tra và in báo cáo của Đảng ủy xã"

  ; Settings → Apps (and Control Panel → Programs), for this user only.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${COMPANY_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALL_EXE}"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALL_EXE}" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

; --- The uninstaller ------------------------------------------------------------------------------

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT_NAME}"
  Delete "$DESKTOP\${SHORTCUT_NAME}"
  ; Only what the installer put there: the executable, its _internal folder, the uninstaller.
  ; The folder itself goes only if it is then empty. The user's data is never in it.
  Delete "$INSTDIR\${APP_EXE}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${UNINSTALL_EXE}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DetailPrint "Đã gỡ chương trình. Các bản nháp của bạn vẫn được giữ trong $LOCALAPPDATA\${DATA_DIR_NAME}."
SectionEnd
