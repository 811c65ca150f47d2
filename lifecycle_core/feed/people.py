"""Name and address lexicons, and the personal details drawn from them.

Names deliberately include common English words (Will, May, Bill, Grace, Hope, Rich, Young...)
so a PII scrubber that keys on capitalized words or dictionaries is tested honestly.
Everything is ASCII so JSON bytes never depend on escaping choices.
"""

from __future__ import annotations

from .rng import between, pick

FEMALE_FIRST = (
    "Maria", "Jennifer", "Linda", "Patricia", "Elizabeth", "Susan", "Jessica", "Sarah", "Karen",
    "Nancy", "Lisa", "Betty", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol",
    "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen",
    "Amy", "Angela", "Anna", "Brenda", "Nicole", "Samantha", "Katherine", "Christine", "Rachel",
    "Olivia", "Sophia", "Isabella", "Mia", "Chloe", "Priya", "Mei", "Aaliyah", "Fatima", "Lucia",
    "Guadalupe", "Ximena", "Yesenia", "Keisha", "Tamika", "Ngozi", "Hana", "Yuki", "Anh",
    # common-word names (scrubber traps)
    "Grace", "Hope", "May", "June", "April", "Faith", "Joy", "Rose", "Summer", "Dawn", "Holly",
    "Ivy", "Autumn", "Amber", "Crystal", "Pearl", "Ruby", "Iris", "Olive", "Destiny", "Charity",
)
MALE_FIRST = (
    "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas",
    "Christopher", "Charles", "Daniel", "Matthew", "Anthony", "Donald", "Steven", "Paul", "Andrew",
    "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Jason", "Edward",
    "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Larry", "Justin", "Scott",
    "Luis", "Carlos", "Jose", "Juan", "Miguel", "Raj", "Arjun", "Wei", "Minh", "Hiroshi", "Omar",
    "Ahmed", "Tyrone", "DeShawn", "Kwame", "Dmitri", "Mateo", "Santiago",
    # common-word names (scrubber traps)
    "Will", "Bill", "Mark", "Frank", "Chase", "Hunter", "Guy", "Art", "Rich", "Jack", "Drew",
    "Lance", "Miles", "Wade", "Dean", "Don", "Sonny", "Rusty", "Gene", "Cliff", "Bob",
)
NEUTRAL_FIRST = (
    "Taylor", "Jordan", "Alex", "Casey", "Riley", "Morgan", "Avery", "Quinn", "Jamie", "Skyler",
    "River", "Sage", "Rowan", "Emerson", "Reese", "Peyton",
)
LAST = (
    "Smith", "Johnson", "Williams", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "Harris", "Clark", "Lewis",
    "Robinson", "Walker", "Allen", "Scott", "Adams", "Nelson", "Carter", "Mitchell", "Roberts",
    "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris",
    "Murphy", "Rogers", "Reed", "Morgan", "Cooper", "Peterson", "Ward", "Cox", "Howard", "Torres",
    "Lopez", "Garcia", "Rodriguez", "Martinez", "Hernandez", "Gonzalez", "Perez", "Sanchez",
    "Ramirez", "Flores", "Rivera", "Gomez", "Diaz", "Cruz", "Reyes", "Morales", "Ortiz", "Nguyen",
    "Tran", "Pham", "Kim", "Park", "Chen", "Wang", "Liu", "Zhang", "Huang", "Patel", "Shah",
    "Singh", "Kumar", "Ali", "Khan", "Hassan", "Okafor", "Adeyemi", "Mensah", "Kowalski", "Nowak",
    "Novak", "Ivanov", "Schmidt", "Mueller", "Rossi", "Romano", "O'Brien", "O'Connor", "McCarthy",
    "Sullivan", "Murray", "Tanaka", "Sato", "Yamamoto",
    # common-word surnames (scrubber traps)
    "Brown", "White", "Green", "Young", "King", "Wood", "Rice", "Price", "Day", "Love", "Bell",
    "Hill", "Cook", "Baker", "Little", "Long", "Strong", "Best", "Fair", "Moody", "Hope", "Frank",
)
# (city, state, ZIP3 prefixes, area codes); ZIPs and phones are drawn to match the city.
CITIES = (
    ("Columbus", "OH", ("432",), ("614", "380")), ("Cleveland", "OH", ("441",), ("216",)),
    ("Cincinnati", "OH", ("452",), ("513",)), ("Dayton", "OH", ("454",), ("937",)),
    ("Pittsburgh", "PA", ("152",), ("412",)), ("Philadelphia", "PA", ("191",), ("215", "267")),
    ("Harrisburg", "PA", ("171",), ("717",)), ("Detroit", "MI", ("482",), ("313",)),
    ("Grand Rapids", "MI", ("495",), ("616",)), ("Ann Arbor", "MI", ("481",), ("734",)),
    ("Indianapolis", "IN", ("462",), ("317",)), ("Fort Wayne", "IN", ("468",), ("260",)),
    ("Louisville", "KY", ("402",), ("502",)), ("Lexington", "KY", ("405",), ("859",)),
    ("Chicago", "IL", ("606",), ("312", "773")), ("Springfield", "IL", ("627",), ("217",)),
    ("Milwaukee", "WI", ("532",), ("414",)), ("Madison", "WI", ("537",), ("608",)),
    ("Nashville", "TN", ("372",), ("615",)), ("Knoxville", "TN", ("379",), ("865",)),
    ("Atlanta", "GA", ("303",), ("404", "678")), ("Charlotte", "NC", ("282",), ("704",)),
    ("Raleigh", "NC", ("276",), ("919",)), ("Richmond", "VA", ("232",), ("804",)),
    ("Baltimore", "MD", ("212",), ("410",)), ("St. Louis", "MO", ("631",), ("314",)),
    ("Kansas City", "MO", ("641",), ("816",)), ("Minneapolis", "MN", ("554",), ("612",)),
    ("Des Moines", "IA", ("503",), ("515",)), ("Omaha", "NE", ("681",), ("402",)),
    ("Denver", "CO", ("802",), ("303", "720")), ("Phoenix", "AZ", ("850",), ("602",)),
    ("Austin", "TX", ("787",), ("512",)), ("Dallas", "TX", ("752",), ("214", "469")),
    ("Houston", "TX", ("770",), ("713", "832")), ("San Antonio", "TX", ("782",), ("210",)),
    ("Tampa", "FL", ("336",), ("813",)), ("Orlando", "FL", ("328",), ("407",)),
    ("Jacksonville", "FL", ("322",), ("904",)), ("Buffalo", "NY", ("142",), ("716",)),
    ("Albany", "NY", ("122",), ("518",)), ("Portland", "OR", ("972",), ("503",)),
    ("Seattle", "WA", ("981",), ("206",)), ("Boise", "ID", ("837",), ("208",)),
    ("Salt Lake City", "UT", ("841",), ("801",)),
)
STREET_NAMES = (
    "Maple", "Oak", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Main", "Church",
    "High", "Walnut", "Chestnut", "Spring", "Sunset", "Highland", "Jefferson", "Lincoln", "Madison",
    "Franklin", "Ridge", "Meadow", "Forest", "River", "Willow", "Cherry", "Dogwood", "Hickory",
    "Mill", "Prospect", "Grant", "Adams", "Jackson", "Union", "Center", "Broad", "Market", "Poplar",
    "Birch", "Magnolia", "Sycamore", "Laurel", "Juniper", "Aspen", "Fairview", "Riverside", "Lakeview",
)
STREET_SUFFIXES = ("St", "Ave", "Rd", "Dr", "Ln", "Blvd", "Ct", "Way", "Pl", "Ter", "Pkwy", "Cir")
EMAIL_DOMAINS = (
    "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
    "aol.com", "comcast.net", "att.net", "protonmail.com",
)


def first_name(rnd, sex: str) -> str:
    if sex == "X" or rnd() < 0.03:
        return pick(rnd, NEUTRAL_FIRST)
    return pick(rnd, FEMALE_FIRST if sex == "F" else MALE_FIRST)


def street_address(rnd, allow_unit: bool = True) -> str:
    street = f"{between(rnd, 100, 9899)} {pick(rnd, STREET_NAMES)} {pick(rnd, STREET_SUFFIXES)}"
    if allow_unit and rnd() < 0.3:
        street += f" {pick(rnd, ('Apt', 'Apt', 'Unit', 'Suite'))} {between(rnd, 1, 40)}"
    return street


def city_zip_phone(rnd) -> tuple[str, str, str, str]:
    """(city, state, zip, phone) that belong together."""
    city, state, zip3s, areas = pick(rnd, CITIES)
    zip_code = f"{pick(rnd, zip3s)}{between(rnd, 1, 99):02d}"
    # Exchanges 201-989 avoid N11 service codes and the fictional 555 block.
    exchange = between(rnd, 201, 988)
    if exchange == 555:
        exchange = 556
    phone = f"({pick(rnd, areas)}) {exchange}-{between(rnd, 0, 9999):04d}"
    return city, state, zip_code, phone


def email_for(rnd, first: str, last: str) -> str:
    f = first.lower()
    l = last.lower().replace("'", "")
    style = int(rnd() * 4)
    if style == 0:
        local = f"{f}.{l}"
    elif style == 1:
        local = f"{f[0]}{l}{between(rnd, 1, 99)}"
    elif style == 2:
        local = f"{f}{l}{between(rnd, 60, 99)}"
    else:
        local = f"{f}_{l[:4]}{between(rnd, 1, 999)}"
    return f"{local}@{pick(rnd, EMAIL_DOMAINS)}"
