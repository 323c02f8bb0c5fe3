"""Units of measure and currencies as English-language news prints them.

A unit is named once, canonically ("km", "°C", "GBP"), with the kind of quantity it
measures; the surface forms ("kilometres", "km", "-kilometre") map to it. Values are kept
in the unit the source printed: "5 miles" stays 5 miles, so a figure can always be read
back against its sentence.
"""

from __future__ import annotations

import re

from . import lexicon

# --- currencies -------------------------------------------------------------------------

CURRENCY_PREFIXES = {
    "£": "GBP",
    "$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "₱": "PHP",
    "₿": "BTC",
    "US$": "USD",
    "U.S.$": "USD",
    "U.S. $": "USD",
    "USD$": "USD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD$": "CAD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "NZD$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "NT$": "TWD",
    "Mex$": "MXN",
    "MXN$": "MXN",
    "RM": "MYR",
    "Rs": "INR",
    "Rs.": "INR",
    "CHF": "CHF",
    "Sfr": "CHF",
}
"""Signs printed before the amount: "A$2.5bn", "RM50m", "CHF 10m"."""

CURRENCY_SIGNS_AFTER = {"元": "CNY", "₡": "CRC", "₾": "GEL", "₭": "LAK", "ரூ": "LKR"}
"""Signs printed after the amount ('100元'); '10 €' and '5 $' are read too."""

CURRENCY_CODES = frozenset(
    "USD GBP EUR JPY CNY RMB INR AUD CAD CHF HKD NZD SGD ZAR SEK NOK DKK MYR ILS KRW RUB "
    "TRY BRL MXN NGN IDR THB AED SAR PLN CZK HUF TWD PKR EGP KES BTC".split()
)
"""ISO 4217 codes, printed before ("USD 200") or after ("200 USD") the amount."""

CURRENCY_WORDS = {
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "australian dollars": "AUD",
    "australian dollar": "AUD",
    "canadian dollars": "CAD",
    "canadian dollar": "CAD",
    "hong kong dollars": "HKD",
    "new zealand dollars": "NZD",
    "singapore dollars": "SGD",
    "dollars": "USD",
    "dollar": "USD",
    "bucks": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "rupees": "INR",
    "rupee": "INR",
    "swiss francs": "CHF",
    "swiss franc": "CHF",
    "francs": "FRF",
    "franc": "FRF",
    "pesetas": "ESP",
    "marks": "DEM",
    "deutschmarks": "DEM",
    "finnish markka": "FIM",
    "markka": "FIM",
    "dutch guilders": "NLG",
    "guilders": "NLG",
    "pesos": "MXN",
    "rand": "ZAR",
    "ringgit": "MYR",
    "shekels": "ILS",
    "shekel": "ILS",
    "won": "KRW",
    "roubles": "RUB",
    "rubles": "RUB",
    "lira": "TRY",
    "turkish lira": "TRY",
    "kronor": "SEK",
    "kroner": "NOK",
    "krona": "SEK",
    "baht": "THB",
    "naira": "NGN",
    "dirhams": "AED",
    "riyals": "SAR",
    "zloty": "PLN",
    "bitcoins": "BTC",
    "bitcoin": "BTC",
}
"""Currency names printed after the amount ("420 million euros", "5,000 shekels")."""

MINOR_CURRENCY = {
    "cents": "USD",
    "cent": "USD",
    "pence": "GBP",
    "penny": "GBP",
    "pennies": "GBP",
    "p": "GBP",
    "c": "USD",
    "sen": "MYR",
}
"""A hundredth of a currency: '30p', '50 cents', '80 sen' are stated in the major unit."""

CURRENCIES = (
    frozenset(CURRENCY_PREFIXES.values())
    | CURRENCY_CODES
    | frozenset(CURRENCY_WORDS.values())
    | frozenset(CURRENCY_SIGNS_AFTER.values())
)

# --- units of measure -------------------------------------------------------------------

_UNITS: tuple[tuple[str, str, str], ...] = (
    # (surface forms separated by |, canonical unit, kind); words also match capitalised.
    ("kilometres per hour|kilometers per hour|km/h|km/hr|kmh|kph|kmph", "km/h", "speed"),
    ("miles per hour|miles an hour|mph", "mph", "speed"),
    ("metres per second|meters per second|m/s", "m/s", "speed"),
    ("knots", "knots", "speed"),
    ("kilometres|kilometers|kilometre|kilometer|km", "km", "length"),
    ("centimetres|centimeters|centimetre|centimeter|cm", "cm", "length"),
    ("millimetres|millimeters|millimetre|millimeter|mm", "mm", "length"),
    ("decimetres|decimeters|dm", "dm", "length"),
    ("metres|meters|metre|meter", "metres", "length"),
    ("nautical miles", "nautical miles", "length"),
    ("light years|light-years", "light years", "length"),
    ("miles|mile|mi", "miles", "length"),
    ("feet|foot|ft", "feet", "length"),
    ('inches|inch|in\\.|"', "inches", "length"),
    ("yards|yard|yds|yd", "yards", "length"),
    ("square kilometres|square kilometers|sq km|km2|km²", "sq km", "area"),
    ("square metres|square meters|sq m|m2|m²", "sq m", "area"),
    ("square miles|sq miles|sq mi", "sq miles", "area"),
    ("square feet|sq ft|ft2|ft²", "sq ft", "area"),
    ("acres|acre", "acres", "area"),
    ("hectares|hectare|ha", "hectares", "area"),
    ("cubic metres|cubic meters|m3|m³", "cubic metres", "volume"),
    ("cubic feet|cu ft", "cubic feet", "volume"),
    ("litres|liters|litre|liter", "litres", "volume"),
    ("millilitres|milliliters|ml", "ml", "volume"),
    ("gallons|gallon", "gallons", "volume"),
    ("barrels|barrel|bbl", "barrels", "volume"),
    ("pints|pint", "pints", "volume"),
    ("cups|cup", "cups", "volume"),
    ("tablespoons|tablespoon|tbsp", "tablespoons", "volume"),
    ("teaspoons|teaspoon|tsp", "teaspoons", "volume"),
    ("metric tonnes|metric tons|metric ton", "tonnes", "mass"),
    ("tonnes|tonne|tons|ton|t", "tonnes", "mass"),
    ("kilograms|kilogrammes|kilogram|kilos|kg", "kg", "mass"),
    ("micrograms|microgrammes|microgram|μg|mcg", "μg", "mass"),
    ("milligrams|milligram|mg", "mg", "mass"),
    ("grams|grammes|gram|g", "g", "mass"),
    ("lbs|lb", "lb", "mass"),
    ("ounces|ounce|oz", "oz", "mass"),
    ("carats", "carats", "mass"),
    ("gigawatt hours|gigawatt-hours|GWh", "GWh", "energy"),
    ("megawatt hours|megawatt-hours|MWh", "MWh", "energy"),
    ("kilowatt hours|kilowatt-hours|kWh", "kWh", "energy"),
    ("terawatt hours|terawatt-hours|TWh", "TWh", "energy"),
    ("calories|kcal", "calories", "energy"),
    ("joules", "joules", "energy"),
    ("gigawatts|gigawatt|GW", "GW", "power"),
    ("megawatts|megawatt|MW", "MW", "power"),
    ("kilowatts|kilowatt|kW", "kW", "power"),
    ("terawatts|TW", "TW", "power"),
    ("watts|watt|W", "W", "power"),
    ("horsepower|hp", "hp", "power"),
    ("gigabits per second|Gbps|Gb/s", "Gbps", "bandwidth"),
    ("megabits per second|Mbps|Mb/s|mbps", "Mbps", "bandwidth"),
    ("kilobits per second|kbps|Kbps", "kbps", "bandwidth"),
    ("terabytes|terabyte|TB", "TB", "data"),
    ("gigabytes|gigabyte|GB", "GB", "data"),
    ("megabytes|megabyte|MB", "MB", "data"),
    ("kilobytes|kilobyte|KB", "KB", "data"),
    ("petabytes|PB", "PB", "data"),
    ("megabits|megabit|Mb|mb", "Mb", "data"),
    ("gigabits|Gb", "Gb", "data"),
    ("bits|bit", "bits", "data"),
    ("bytes|byte", "bytes", "data"),
    ("radians|rad", "radians", "angle"),
    ("turns|turn", "turns", "angle"),
)

TEMPERATURE = re.compile(
    r"(?:°|º|deg(?:rees?)?\b\.?)\s?(?P<scale>celsius|celcius|centigrade|centigrate|c|"
    r"fahrenheit|farenheit|f)?(?![a-z])|(?P<word>celsius|celcius|centigrade|centigrate|"
    r"fahrenheit|farenheit)\b",
    re.I,
)
"""'40C' is too often a name ('a Boeing 777F'); a scale needs a degree sign or word."""

TEMPERATURE_CONTEXT = re.compile(
    r"temperature|thermostat|heat|hot|cold|warm|cool|weather|freez|boil|degrees? (?:celsius|"
    r"fahrenheit)|forecast|high of|low of",
    re.I,
)
"""Bare 'degrees' is a temperature in a sentence about the weather, else an angle."""

UNITS = {
    surface: (unit, kind)
    for forms, unit, kind in _UNITS
    for form in forms.split("|")
    for surface in {form, form.capitalize() if len(form) > 3 and form.islower() else form}
}
"""Surface form → (canonical unit, kind)."""

AMBIGUOUS = frozenset({"t", "g", "W", "m", "in.", '"', "mi", "ha", "rad", "c", "p", "sen"})
"""Forms read as units only right after digits ('100t', '48m'), never after a space."""

KINDS = {unit: kind for _, unit, kind in _UNITS} | {
    "°C": "temperature",
    "°F": "temperature",
    "°": "temperature",
    "degrees": "angle",
}
"""Canonical unit → kind; a currency code is 'currency', a duration 'duration'."""

DURATIONS = lexicon.DURATION_UNITS


def kind(unit: str) -> str:
    """What a unit measures: 'currency', 'length', 'temperature'…; 'count' for counted
    nouns and plain numbers."""
    if unit in CURRENCIES:
        return "currency"
    if unit in DURATIONS:
        return "duration"
    return KINDS.get(unit, "count")


DURATIONS_BY_FORM = {
    form: plural
    for plural in DURATIONS
    for form in (plural, plural[:-1], plural.capitalize(), plural[:-1].capitalize())
}
"""'year', 'Years' → 'years'."""
