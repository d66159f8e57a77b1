"""Vietnamese for the words Qt itself puts on screen (context menus, standard buttons …).

Qt ships no Vietnamese translation of its own strings, so this small translator supplies the ones
a user of this program meets. Anything not listed falls through to Qt's English.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

_EDIT = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "Sao &chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "&Select All": "Chọn tất &cả",
    "Copy &Link Location": "Sao chép địa chỉ liên kết",
}
_BUTTONS = {
    "OK": "Đồng ý",
    "&OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với tất cả",
    "&No": "&Không",
    "N&o to All": "Không với tất cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}
_TABLE: dict[str, dict[str, str]] = {
    "QLineEdit": _EDIT,
    "QWidgetTextControl": _EDIT,
    "QAbstractSpinBox": {**_EDIT, "&Step up": "&Tăng", "Step &down": "&Giảm"},
    "QPlatformTheme": _BUTTONS,
    "QDialogButtonBox": _BUTTONS,
    "QProgressDialog": _BUTTONS,
    "QErrorMessage": _BUTTONS,
    "QMessageBox": {
        **_BUTTONS,
        "Show Details...": "Xem chi tiết…",
        "Hide Details...": "Ẩn chi tiết…",
    },
    "QScrollBar": {
        "Scroll here": "Cuộn tới đây",
        "Left edge": "Mép trái",
        "Top": "Trên cùng",
        "Right edge": "Mép phải",
        "Bottom": "Dưới cùng",
        "Page left": "Sang trái một trang",
        "Page up": "Lên một trang",
        "Page right": "Sang phải một trang",
        "Page down": "Xuống một trang",
        "Scroll left": "Cuộn sang trái",
        "Scroll up": "Cuộn lên",
        "Scroll right": "Cuộn sang phải",
        "Scroll down": "Cuộn xuống",
    },
    "QUnicodeControlCharacterMenu": {
        "Insert Unicode control character": "Chèn ký tự điều khiển Unicode",
    },
    "QTabBar": {"Scroll Left": "Cuộn sang trái", "Scroll Right": "Cuộn sang phải"},
    "QDialog": {"What's This?": "Đây là gì?"},
    "QShortcut": {
        "Ctrl": "Ctrl",
        "Shift": "Shift",
        "Alt": "Alt",
        "PgUp": "PgUp",
        "PgDown": "PgDown",
        "Del": "Del",
        "Return": "Enter",
        "Enter": "Enter",
    },
    "QFileDialog": {
        "Save As": "Lưu thành",
        "Open": "Mở",
        "&Save": "&Lưu",
        "&Open": "&Mở",
        "&Choose": "&Chọn",
        "Cancel": "Hủy",
        "File &name:": "&Tên tệp:",
        "Files of type:": "Loại tệp:",
        "Look in:": "Tìm trong:",
        "Directory:": "Thư mục:",
        "Back": "Quay lại",
        "Forward": "Tiến tới",
        "Parent Directory": "Thư mục cha",
        "Create New Folder": "Tạo thư mục mới",
        "List View": "Xem danh sách",
        "Detail View": "Xem chi tiết",
        "All Files (*)": "Mọi tệp (*)",
        "My Computer": "Máy tính",
        "Name": "Tên",
        "Size": "Kích thước",
        "Type": "Loại",
        "Date Modified": "Ngày sửa",
        "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
    },
    "QPrintDialog": {
        "Print": "In",
        "&Print": "&In",
        "All Pages": "Tất cả các trang",
        "Odd Pages": "Trang lẻ",
        "Even Pages": "Trang chẵn",
        "&Options >>": "&Tùy chọn >>",
        "&Options <<": "&Tùy chọn <<",
        "Print to File (PDF)": "In ra tệp (PDF)",
        "Local file": "Tệp trên máy",
        "Write PDF file": "Ghi tệp PDF",
    },
}


class QtStringsVi(QTranslator):
    """Translates Qt's own strings into Vietnamese (only the ones listed above)."""

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        return _TABLE.get(context, {}).get(source_text)
