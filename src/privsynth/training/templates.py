"""Templates of the synthetic training corpus, written for privsynth, by genre.

Slots: ``{p1}`` … ``{p3}`` a person (full name in a random written form), ``{p1.first}``, ``{p1.last}``,
``{p1.nick}``, ``{p1.initial}`` (``J. Smith``), ``{p1.formal}`` (``Ms Smith``: the title stays outside the
span), ``{addr}`` a street address in its country's format (lines joined by the genre's separator),
``{addr.street}``, ``{addr.place}`` (the postcode/city line), ``{city}``, ``{country}``, ``{org}``, ``{org2}``,
and unlabelled context values ``{email}``, ``{phone}``, ``{date}``, ``{time}``, ``{num}``, ``{url}``, ``{user}``,
``{ip}``, ``{job}``, ``{amount}``. A slot used twice in one template has the same value both times.
"""
from __future__ import annotations

# (genre, template). Genres decide the noise: see corpus.GENRE_NOISE.
TEMPLATES: tuple[tuple[str, str], ...] = (
    # ---- forum and chat posts -------------------------------------------------------------------------------
    ("chat", "hey {p1.first} are you coming to {city} next week?"),
    ("chat", "lol {p1.nick} said the same thing yesterday"),
    ("chat", "{p1.first}: running late, save me a seat\n{p2.first}: ok will do"),
    ("chat", "just met {p1} at the airport in {city}!! so cool"),
    ("chat", "@{user} tell {p1.first} i said hi"),
    ("chat", "anyone know if {p1.first} {p1.last} still works at {org}?"),
    ("chat", "[{time}] <{user}> {p1.nick} pls check the build\n[{time}] <{p2.first}> on it"),
    ("chat", "miss you {p1.first} <3 come back to {country} soon"),
    ("chat", "me and {p1.nick} went hiking near {city} on the weekend, pics later"),
    ("chat", "ask {p1.first} or {p2.first}, they set up the router"),
    ("forum", "Re: printer driver issue\n\nThanks {p1.first}, that fixed it. For anyone in {city}: the shop on "
              "{addr.street} has the cable.\n\n-- {p2.nick}"),
    ("forum", "Posted by {p1} on {date}\nI moved from {city} to {country} last year and the paperwork took months."),
    ("forum", "Quote from {p1.first}: \"just reinstall it\"\nDid that, still broken. {p2.first}, any ideas?"),
    ("forum", "My landlord {p1} wants us out of the flat at {addr} by the end of the month. Is that legal?"),
    ("forum", "Shout-out to {p1.first} from {org} who sorted out my order in ten minutes."),
    ("forum", "RIP {p1}. He coached our team in {city} for twenty years."),
    ("chat", "happy birthday {p1.first}!!! 🎉"),
    ("chat", "{p1.first} {p1.last} is the worst referee ever"),
    ("chat", "omw to {p1.nick}'s place"),
    ("chat", "thanks {p1.first} and {p2.first} for the ride"),

    # ---- e-mails with signatures and quoted replies ---------------------------------------------------------
    ("email", "Hi {p1.first},\n\nPlease find the signed contract attached. Let me know if anything is missing.\n\n"
              "Best regards,\n{p2}\n{job}\n{org}\n{addr}\nTel. {phone}"),
    ("email", "Dear {p1.formal},\n\nThank you for your letter of {date}. We have forwarded it to our office in "
              "{city}.\n\nKind regards\n\n{p2}\n{org}"),
    ("email", "On {date}, {p1} <{email}> wrote:\n> Hi {p2.first},\n> can we move the call to {time}?\n> {p1.first}"
              "\n\nSure, works for me.\n{p2.first}"),
    ("email", "> {p1}\n> {org}\n> {addr}\n> {phone}\n\nThanks, I'll send the invoice to that address."),
    ("email", "From: {p1} <{email}>\nTo: {p2}\nSubject: visit to {city}\n\nHi {p2.first}, I land on {date}. "
              "Could you pick me up?\n\nCheers,\n{p1.first}"),
    ("email", "Hello,\n\nmy name is {p1} and I am writing on behalf of {org}.\n\nSincerely,\n{p1}\n{addr}"),
    ("email", "Thanks!\n\n{p1}\nSenior {job} | {org}\nM: {phone}\n{addr}"),
    ("email", "Hi all,\n{p1.first} is out until {date}; please contact {p2} instead.\n\nBR\n{p3.first}"),
    ("email", "-----Original Message-----\nFrom: {p1}\nSent: {date}\nTo: {p2}\nSubject: RE: lease\n\n"
              "{p2.first}, the keys are with {p3.formal} at {addr.street}."),
    ("email", "{p1.first},\n\nsee below.\n\n{p2.initial}\n\n> On {date} {p2} wrote:\n> forwarding from {p3}"),

    # ---- support tickets ------------------------------------------------------------------------------------
    ("ticket", "Ticket #{num}\nCustomer: {p1}\nAddress: {addr}\nPhone: {phone}\nIssue: router keeps dropping "
               "the connection since {date}."),
    ("ticket", "Customer {p1} called about a late delivery to {addr}. Agent {p2.first} promised a call back."),
    ("ticket", "User {user} ({p1}) cannot log in. Last seen from {ip} in {city}. Assigned to {p2.first}."),
    ("ticket", "Refund of {amount} approved by {p1.initial} for {p2}, order {num}."),
    ("ticket", "caller: {p1}\ncallback: {phone}\nnotes: wants the technician ({p2.first}) again, lives at "
               "{addr}"),
    ("ticket", "Escalated by {p1.first} - customer {p2} from {org} threatens to cancel."),
    ("ticket", "Package for {p1} returned to sender: address {addr} unknown."),

    # ---- CVs ------------------------------------------------------------------------------------------------
    ("cv", "CURRICULUM VITAE\n\n{p1}\n{addr}\n{email} | {phone}\n\nEXPERIENCE\n{date} - present: {job}, {org}, "
           "{city}\n\nREFERENCES\n{p2}, {org2}"),
    ("cv", "Name: {p1}\nDate of birth: {date}\nNationality: {country}\nAddress: {addr}\n\nEducation: "
           "University of {city}"),
    ("cv", "{p1}\n{job}\n\nProfile\nTeam lead at {org} in {city}, previously at {org2}. References from "
           "{p2.formal} on request."),

    # ---- letters --------------------------------------------------------------------------------------------
    ("letter", "{p1}\n{addr}\n\n{date}\n\n{p2}\n{org}\n{addr2}\n\nDear {p2.formal},\n\nI am writing to "
               "complain about the repairs at my flat.\n\nYours sincerely,\n\n{p1}"),
    ("letter", "To whom it may concern,\n\n{p1}, born {date}, resident at {addr}, has worked for us since "
               "{date2}.\n\n{p2}\nHead of HR, {org}"),
    ("letter", "Dear {p1.first},\n\nIt was lovely to see you and {p2.first} in {city}. Give my love to "
               "{p3.nick}.\n\nLove,\n{p4.first}"),
    ("letter", "{org}\n{addr}\n\nRe: your account {num}\n\nDear {p1.formal}, we have not received your payment."),

    # ---- clinical notes -------------------------------------------------------------------------------------
    ("clinical", "Patient: {p1}  DOB: {date}  MRN: {num}\nSeen by Dr {p2.last} on {date2}. Lives with "
                 "daughter {p3.first} in {city}."),
    ("clinical", "Pt {p1.first} {p1.last}, {age}yo, presented with chest pain. Wife ({p2.first}) present. "
                 "Referred to {org}."),
    ("clinical", "Discharge summary for {p1}. Address: {addr}. GP: Dr {p2}. Follow-up in {city} clinic."),
    ("clinical", "Nurse {p1.first} noted that {p2.formal} refused medication at {time}."),
    ("clinical", "pt {p1} brought in by son {p2.first}, hx of diabetes, lives alone at {addr.street}"),

    # ---- court judgments ------------------------------------------------------------------------------------
    ("court", "The applicant, {p1}, is a {country} national who was born in {date} and lives in {city}."),
    ("court", "The applicant was represented by {p1}, a lawyer practising in {city}."),
    ("court", "On {date} the {city} District Court found {p1.formal} guilty. His co-accused, {p2}, was "
              "acquitted."),
    ("court", "BETWEEN:\n{p1}\nClaimant\n-and-\n{org}\nDefendant\n\nJUDGMENT OF {p2}"),
    ("court", "The witness {p1.initial} stated that she had seen {p2} at {addr.street} on the night of {date}."),
    ("court", "Mr {p1.last} lodged an appeal, which the Court of Appeal in {city} dismissed on {date}."),
    ("court", "IN THE MATTER OF {p1}\nDeceased, late of {addr}"),

    # ---- form dumps and records -----------------------------------------------------------------------------
    ("form", "first_name: {p1.first}\nlast_name: {p1.last}\nstreet: {addr.street}\ncity: {addr.place}\n"
             "country: {country}\nemail: {email}"),
    ("form", "NAME: {p1}\nADDRESS: {addr}\nPHONE: {phone}\nEMPLOYER: {org}"),
    ("form", "{p1.last};{p1.first};{addr.street};{addr.place};{phone}"),
    ("form", "\"{p1}\",\"{email}\",\"{addr}\",\"{date}\""),
    ("form", "Applicant | {p1}\nSpouse | {p2}\nResidence | {addr}\nPlace of birth | {city}"),
    ("form", "{{\"name\": \"{p1}\", \"city\": \"{city}\", \"company\": \"{org}\"}}"),
    ("form", "Emergency contact: {p1} ({rel}), {phone}"),
    ("form", "Ship to:\n{p1}\n{addr}\n{country}"),

    # ---- logs -----------------------------------------------------------------------------------------------
    ("log", "{datetime} INFO user={user} name=\"{p1}\" action=login ip={ip}"),
    ("log", "{datetime} WARN delivery failed for {p1} at {addr} (reason: nobody home)"),
    ("log", "{datetime} DEBUG created account for {p1.first} {p1.last} <{email}> city={city}"),
    ("log", "[{datetime}] payment {num} by {p1} refused by {org}"),

    # ---- news-like and narrative prose ----------------------------------------------------------------------
    ("prose", "{p1}, a spokesperson for {org}, said the company would open an office in {city}."),
    ("prose", "After the match, {p1.last} thanked {p2} and the fans in {city}."),
    ("prose", "{p1} and {p2} were married in {city}, {country}, on {date}."),
    ("prose", "The new mayor of {city}, {p1}, met {org} executives on {date}."),
    ("prose", "According to {p1.formal}, the house at {addr} had been empty for years."),
    ("prose", "{p1.first} grew up in {city} before moving to {country} to study."),
    ("prose", "We stayed with {p1.first} and {p2.first} in their flat on {addr.street}."),
    ("prose", "In {date} {org} hired {p1} as its first {job}."),

    # ---- negatives: capitalised words, products and companies that are not people -----------------------------
    ("prose", "The {org} quarterly report is due on {date}; the Finance Team will review it."),
    ("chat", "anyone tried the new Galaxy phone? battery is Amazing"),
    ("forum", "Windows Update broke my Bluetooth again. Monday morning as usual."),
    ("ticket", "Error 500 on the Checkout page since the Friday release; Support Team notified."),
    ("email", "Hi Team,\n\nthe Quarterly Review moved to {date}. Agenda attached.\n\nThanks,\n{p1.first}"),
    ("log", "{datetime} ERROR OrderService timeout after 30s (Retry Policy: Exponential)"),
)
