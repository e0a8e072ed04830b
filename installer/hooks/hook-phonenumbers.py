"""Replaces the contributed hook, which imports and bundles all of phonenumbers (48 MB, most
of it geographic and carrier names the desk never shows): only the metadata that validation
and formatting need."""

from PyInstaller.utils.hooks import collect_submodules

_UNUSED = ("phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata",
           "phonenumbers.geocoder", "phonenumbers.carrier", "phonenumbers.timezone")

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(_UNUSED))
