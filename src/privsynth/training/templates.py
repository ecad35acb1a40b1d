"""Templates of the synthetic training corpus, written for privsynth, by genre.

Slots: ``{p1}`` … ``{p3}`` a person (full name in a random written form), ``{p1.first}``, ``{p1.last}``,
``{p1.nick}``, ``{p1.initial}`` (``J. Smith``), ``{p1.formal}`` (``Ms Smith``: the title stays outside the
span), ``{addr}`` a street address in its country's format (lines joined by the genre's separator),
``{addr.street}``, ``{addr.place}`` (the postcode/city line), ``{city}``, ``{country}``, ``{org}``, ``{org2}``,
and unlabelled context values ``{email}``, ``{phone}``, ``{date}``, ``{time}``, ``{num}``, ``{url}``, ``{user}``,
``{ip}``, ``{job}``, ``{amount}``, ``{rank}`` (a title or role before a name, outside the span), and
``{p1.handle}`` (a social-media handle made from the name; ``{user}`` and handles are labelled USERNAME), and
names that are not people: ``{work}`` (WORK_OF_ART), ``{product}`` (PRODUCT), ``{team}``, ``{band}``, ``{app}``
(ORG) and ``{tag}`` (a hashtag, unlabelled). A slot used twice in one template has the same value both times.
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

    # ---- social media: single and lower-case names, handles, hashtags, emoji, markdown, no punctuation -------
    ("social", "{p1.last} has scored in every away game this season"),
    ("social", "{p1.first} was robbed tonight, that goal was onside 😡"),
    ("social", "@{p1.handle} you coming to the gig in {city} or what"),
    ("social", "@{p1.handle} @{p2.handle} thanks guys ❤️"),
    ("social", "@ {p1.handle} that is exactly what {p2.last} said last year"),
    ("social", "rt @{p1.handle}: {p2} just signed for {org} #transfer"),
    ("social", "watching {p1.first} and {p2.first} argue about pizza again lmao"),
    ("social", "#{p1.first}{p1.last} trending again, what did he do now"),
    ("social", "so proud of my sister {p1.first} 🎓🎉 #classof2019"),
    ("social", "u/{p1.handle} posted the same map last week"),
    ("social", "**author**: {p1.handle}\n**title**: {p2.last} to leave {org} at the end of the season"),
    ("social", "[{p1}]({url})"),
    ("social", "&gt; {p1.last} is overrated\n\nhe literally won the league twice"),
    ("social", "why did {p1.first} leave {p2.first} at the end? never made sense to me"),
    ("social", "i voted {p1.last} and i would do it again"),
    ("social", "love you {p1.nick} xx"),
    ("social", "{p1.nick} and i are going to {city} tomorrow!!! cant wait"),
    ("social", "not {p1.first} posting baby pics at 3am 😂"),
    ("social", "{p1.first} {p1.last} for president"),
    ("social", "cant believe {p1.last} missed that penalty"),
    ("social", "who else thinks {p1.first} deserved the award more than {p2.first}"),
    ("social", "{rank} {p1.last} really said that on live tv"),
    ("social", "shoutout to {p1.handle} for the tickets 🙌"),
    ("social", "{p1.first}'s new album is fire 🔥🔥"),
    ("social", "lunch with {p1.first} {p1.last} and {p2.nick} at {org} in {city}"),
    ("social", "me: im fine\n{p1.first}: you are not fine"),
    ("social", "{p1.handle}: has anyone seen the new update yet"),
    ("social", "good morning {city} ☀️ #{city}"),
    ("social", "Thanks {p1.first}! See you at {org} on Monday"),
    ("social", "RIP {p1.first} {p1.last}, legend 🙏"),

    # ---- news: names of many origins, titles and roles before names, dateline starts ----------------------------
    ("news", "{city} {date}\n{p1}, {rank} of {org}, said on Tuesday that talks with {p2.last} would continue."),
    ("news", "{rank} {p1} told reporters in {city} that the decision was final."),
    ("news", "{p1.last} scored twice as {org} beat {org2} 3-1 in {city} on Saturday."),
    ("news", "{p1} ( {country} ) beat {p2} ( {country2} ) 6-4 7-5."),
    ("news", "{city}-born {p1.last}, 28, replaces {p2.last} in the squad."),
    ("news", "{rank} {p1.last} met {p2.formal} and his counterpart {p3} in {city} on {date}."),
    ("news", "\"We will not give up,\" {p1.last} told {org}."),
    ("news", "{p1.last} , who joined {org} from {org2} in {date} , declined to comment ."),
    ("news", "{country}'s {p1} won the stage ahead of {p2.last} and {p3.last}."),
    ("news", "The {city} court sentenced {p1} to five years; his lawyer {p2.last} said he would appeal."),
    ("news", "Police in {city} named the victim as {p1}, 34, of {addr}."),
    ("news", "{p1}'s spokeswoman {p2} did not return calls."),

    # ---- Central European addresses in running text and lists -------------------------------------------------
    ("letter", "Címzett: {p1}\n{addr}\n\nTisztelt {p1.formal}!"),
    ("form", "Adresa: {addr}\nJméno: {p1}"),
    ("prose", "Our office moved to {addr}, just round the corner from the station."),
    ("email", "Please send the documents to {addr} by {date}.\n\n{p1}"),

    # ---- culture and reviews: names as authors, artists, directors; possessives before titles -----------------
    ("prose", "Her second novel reads like early {p1.last}, only darker."),
    ("prose", "I prefer the {p1.last} translation to the newer one by {p2}."),
    ("prose", "{p1}'s debut album Quiet Rivers was recorded in {city}."),
    ("prose", "Directed by {p1}. Starring {p2}, {p3} and {p4.first} {p4.last}."),
    ("form", "Title: The Long Winter\nAuthor: {p1}\nPublisher: {org}\nYear: {date}"),
    ("form", "Genre: Drama\nDirector:   {p1}\nCast:   {p2}, {p3}"),
    ("forum", "Unpopular opinion: the {p1.last} films are better than the books."),
    ("forum", "Anyone else think {p1.last}'s later poems are underrated? Way better than {p2.last}."),
    ("news", "The exhibition pairs {p1.last}'s portraits with letters from {p2}."),

    # ---- dialogue and scripts: speaker labels, vocatives -----------------------------------------------------
    ("chat", "{p1.first}: where were you last night?\n{p2.first}: none of your business, {p1.first}.\n{p1.first}: fine."),
    ("prose", "{p1.first}: Did you lock the door?\n{p2.first}: Yes, {p1.first}. Twice."),
    ("prose", "\"Listen to me, {p1.first},\" said {p2.last}. \"We leave at dawn.\""),
    ("chat", "Agent: How can I help?\nCustomer: hi, it's {p1} again, calling about my refund"),
    ("ticket", "Account holder: {p1}\nUser: {p2}\nBilling address: {addr}"),
    ("ticket", "Bill to:\n    {p1}\n    {addr}\nShip to:\n    {p2}\n    {addr2}"),
    ("email", "Delivery address\n\t{p1}\n\t{addr}"),

    # ---- negatives: capitalised words, products and companies that are not people -----------------------------
    ("prose", "The {org} quarterly report is due on {date}; the Finance Team will review it."),
    ("chat", "anyone tried the new Galaxy phone? battery is Amazing"),
    ("forum", "Windows Update broke my Bluetooth again. Monday morning as usual."),
    ("ticket", "Error 500 on the Checkout page since the Friday release; Support Team notified."),
    ("email", "Hi Team,\n\nthe Quarterly Review moved to {date}. Agenda attached.\n\nThanks,\n{p1.first}"),
    ("log", "{datetime} ERROR OrderService timeout after 30s (Retry Policy: Exponential)"),
    ("social", "monday again 😩 need coffee asap"),
    ("social", "Best Buy had the TV on sale for Black Friday #deals"),
    ("news", "Shares in {org} rose 4 percent on Tuesday after the Central Bank cut rates ."),

    # ---- video and music comments: lower-case names, first names, nicknames, emoji, elongation, shouting -------
    ("comment", "{p1.first} {p1.last} has the best voice ever 😍😍"),
    ("comment", "who else is here after {p1.first}'s video"),
    ("comment", "i love you {p1.first} from {country} ❤️❤️❤️"),
    ("comment", "{p1.first} and {p2.first} should do a collab"),
    ("comment", "{p1.last} is a legend, nobody can change my mind"),
    ("comment", "this song reminds me of my ex {p1.first} lol"),
    ("comment", "{p1.first} looks like {p2.first} {p2.last} in this video"),
    ("comment", "lmaooo {p1.nick} got roasted"),
    ("comment", "{p1.first} at 2:31 😂😂😂"),
    ("comment", "omg {p1.first} {p1.last} just liked my comment"),
    ("comment", "{p1.first} IS THE GOAT!!!!"),
    ("comment", "yesss {p1.first} finally uploaded"),
    ("comment", "my little brother {p1.first} watches this every day"),
    ("comment", "hi {p1.first} love your videos, greetings from {city}"),
    ("comment", "subscribe to @{p1.handle} for more like this"),
    ("comment", "{p1} and {p2} in one video?? best day ever"),
    ("comment", "no one:\n{p1.first}: *screams*"),
    ("comment", "{p1.nick} u are sooo funny"),
    ("comment", "i miss the old {p1.first}"),
    ("comment", "{p1.first} should win {work}, {p2.first} was way better than {p3.first} tonight"),
    ("comment", "the part where {p1.first} falls 😂"),
    ("comment", "{p1.last} vs {p2.last} who wins"),
    ("comment", "{p1.first} you deserve more subs"),
    ("comment", "RIP {p1.first} {p1.last} 🙏 gone too soon"),

    # ---- negatives in posts: works, products, teams, bands and apps are not people; hashtags and markup -------
    ("social", "just finished {work} and wow. that ending"),
    ("social", "{work} is nowhere near as good as the book"),
    ("social", "anyone else think {work} is overrated?"),
    ("social", "why did they cancel {work} {tag}"),
    ("forum", "What {work} characters have been confirmed to return?"),
    ("forum", "In {work}, why did the crew never go back to the station?"),
    ("forum", "Plot hole in {work} ( spoiler )"),
    ("comment", "{work} was my childhood 😭"),
    ("social", "{product} keeps crashing after the update, anyone else?"),
    ("forum", "How to configure {product} behind a proxy"),
    ("forum", "{product} vs {product2}: which one for a small team?"),
    ("social", "my {product} died again lol"),
    ("social", "{team} lost again, now I'm hiding from my dad"),
    ("social", "mutual respect between {team} and {team2} fans"),
    ("social", "{team} 2 - 1 {team2} what a game"),
    ("forum", "Is {p1} going to {team} in the summer?"),
    ("social", "saw {band} live last night, incredible"),
    ("comment", "{band} never disappoint"),
    ("social", "{band}'s new single is fire 🔥"),
    ("social", "On {app}, nobody cares about that"),
    ("social", "{app}'s tough guys say yes"),
    ("forum", "Is it {app}, but for pets only?"),
    ("social", "{tag} {tag2} good vibes only"),
    ("social", "{tag} is trending and i have no idea why"),
    ("forum", "**submission title**: {work} cast reunites for charity\n**subreddit**: movies"),
    ("forum", "Edit: Because of all the questions, here is the {work} trailer: [ link ]({url})"),
    ("forum", "[Click here]({url}) for the {product} manual. Credit goes to the mods."),
    ("forum", "Update: {product} support answered. Source: [ Meta ]({url})"),
    ("social", "Monday Motivation: Stay Hungry, Stay Foolish {tag}"),
    ("forum", "Generally ( if you don't add any restrictions ) the answer is no."),
    ("social", "Aliens, Ghosts and Robots, my three favourite things"),
    ("forum", "Mods: please stop removing {work} posts"),
    ("comment", "{p1.first} {p1.last} was great in {work}"),
    ("social", "{p1.first} is playing {work} on stream tonight {tag}"),
    ("forum", "{p1.last}'s review of the {product} is spot on."),
)
