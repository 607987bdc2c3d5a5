from django import forms
from django.utils.translation import gettext_lazy as _

from quantriet.orgs.importing import ImportFileError, check_upload
from quantriet.orgs.models import ImportJob


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách (.xlsx hoặc .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    mode = forms.ChoiceField(
        label=_("Cách nhập"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.CREATE,
        widget=forms.RadioSelect,
        help_text=_(
            "Khi cập nhật, dòng có số thẻ đảng viên đã có sẽ sửa thông tin người đó; "
            "ô để trống giữ nguyên giá trị cũ."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload, upload.name, upload.size)
        except ImportFileError as exc:
            raise forms.ValidationError(exc.message, code="bad_file") from exc
        return upload
