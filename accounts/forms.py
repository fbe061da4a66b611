from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RoleLevel


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.TypedChoiceField(label=_("Role"), coerce=int, choices=RoleLevel.choices)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, RoleLevel(r).label) for r in roles]


class RoleForm(forms.Form):
    role = forms.TypedChoiceField(label=_("Role"), coerce=int, choices=RoleLevel.choices)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, RoleLevel(r).label) for r in roles]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What is it for?"))
    read_only = forms.BooleanField(
        label=_("Read only"), required=False, initial=True,
        help_text=_("Untick only if the token must change data."),
    )  # fmt: skip
    expires = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
