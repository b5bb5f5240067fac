"""Countries a partner organisation can be based in; names are translated UI strings."""

from django.utils.translation import gettext_lazy as _

COUNTRY_CHOICES = [
    ("INT", _("International")),
    ("AR", _("Argentina")),
    ("BR", _("Brazil")),
    ("CL", _("Chile")),
    ("CO", _("Colombia")),
    ("CR", _("Costa Rica")),
    ("DO", _("Dominican Republic")),
    ("EC", _("Ecuador")),
    ("FR", _("France")),
    ("ID", _("Indonesia")),
    ("KZ", _("Kazakhstan")),
    ("KR", _("Republic of Korea")),
    ("KG", _("Kyrgyzstan")),
    ("MX", _("Mexico")),
    ("MN", _("Mongolia")),
    ("PA", _("Panama")),
    ("PY", _("Paraguay")),
    ("PE", _("Peru")),
    ("PH", _("Philippines")),
    ("TJ", _("Tajikistan")),
    ("TH", _("Thailand")),
    ("UA", _("Ukraine")),
    ("US", _("United States")),
    ("UY", _("Uruguay")),
    ("UZ", _("Uzbekistan")),
    ("VN", _("Viet Nam")),
]
