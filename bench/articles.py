"""Realistic synthetic news articles for the ingest benchmarks, written as JSON Lines.

    python bench/articles.py --articles 1000 -o /tmp/annals-articles [--seed 1]

Each article is a wire report of about 300-700 words (some 450 on average) recombined from sentence
templates written for this benchmark: a dateline lead about an attack or a
negotiation, casualty figures, claims and denials, quotes, background and
reaction paragraphs that mention no event (as real reports do), so that spaCy
and the extractor see the length, vocabulary and mix of event/non-event
sentences of real conflict reporting. Deterministic by seed. Articles go to
files of ``ARTICLES_PER_FILE`` lines each (every file stays under the readers'
5 MB limit).
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

ARTICLES_PER_FILE = 500

PLACES = [
    ("Kabul", "Afghanistan"), ("Kandahar", "Afghanistan"), ("Ghazni", "Afghanistan"), ("Kunduz", "Afghanistan"),
    ("Herat", "Afghanistan"), ("Jalalabad", "Afghanistan"), ("Mazar-i-Sharif", "Afghanistan"),
    ("Lashkar Gah", "Afghanistan"), ("Farah", "Afghanistan"), ("Baghdad", "Iraq"), ("Mosul", "Iraq"),
    ("Kirkuk", "Iraq"), ("Aleppo", "Syria"), ("Idlib", "Syria"), ("Damascus", "Syria"), ("Mogadishu", "Somalia"),
    ("Maiduguri", "Nigeria"), ("Sanaa", "Yemen"), ("Aden", "Yemen"), ("Peshawar", "Pakistan"), ("Quetta", "Pakistan"),
]
ARMED_GROUPS = ["the Taliban", "Islamic State", "al-Shabaab", "Boko Haram", "the Houthis", "al-Qaeda", "Tehreek-e-Taliban Pakistan"]
GOVERNMENTS = {
    "Afghanistan": "the Afghan government", "Iraq": "the Iraqi government", "Syria": "the Syrian government",
    "Somalia": "the Somali government", "Nigeria": "the Nigerian government", "Yemen": "the Yemeni government",
    "Pakistan": "the Pakistani government",
}
MEDIATORS = ["Qatar", "the United Nations", "Norway", "the United States", "Saudi Arabia", "Turkey"]
TARGETS = [
    "a police checkpoint", "an army base", "a crowded market", "a government compound", "a mosque",
    "a military convoy", "a district headquarters", "a wedding party", "a bus station", "a hotel",
]
VICTIMS = ["soldiers", "police officers", "civilians", "people", "members of the security forces", "worshippers"]
OFFICIALS = ["a provincial spokesman", "the interior ministry", "a local police chief", "hospital officials", "a provincial council member"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["Example Wire", "Annals Newswire", "Frontier Press", "Capital Daily"]

ATTACK_LEADS = [
    "A suicide bomber blew himself up near {target} in {place} on {day}, killing {killed} {victims} and wounding {injured} others, {official} said.",
    "Gunmen stormed {target} in {place} on {day}, killing at least {killed} {victims}, {official} said.",
    "A car bomb exploded outside {target} in {place} on {day}, killing {killed} {victims} and injuring {injured}, according to {official}.",
    "An air strike hit {target} near {place} on {day}, killing {killed} {victims}, {official} said.",
    "Militants attacked {target} in {place} late on {day}, killing {killed} {victims} in a gun battle that lasted several hours.",
    "A roadside bomb struck {target} in {place} on {day}, killing {killed} {victims} and wounding {injured} more, {official} said.",
    "Mortar shells fell on {target} in {place} on {day}, killing {killed} {victims}, {official} told reporters.",
]
NEGOTIATION_LEADS = [
    "Representatives of {government} and {group} met in {mediator_place} on {day} for talks on a ceasefire, {official} said.",
    "{government_cap} and {group} agreed on {day} to a three-day ceasefire, {official} said.",
    "{group_cap} offered on {day} to hold peace talks with {government}, a spokesman for the group said.",
    "{government_cap} and {group} signed a peace agreement in {mediator_place} on {day}, ending months of negotiations.",
    "Talks between {government} and {group} will resume next week in {mediator_place}, {official} said on {day}.",
]
FOLLOW_UPS = [
    "{group_cap} claimed responsibility for the attack in a statement posted online.",
    "No group immediately claimed responsibility, but officials blamed {group}.",
    "{group_cap} denied any involvement in the attack.",
    "The death toll could rise, as several of the wounded were in critical condition, {official} said.",
    "Security forces sealed off the area and ambulances took the wounded to hospitals in the city.",
    "Witnesses described a powerful explosion that shattered windows several streets away.",
    "It was the deadliest attack in {place} since last year, when dozens of people were killed in a similar assault.",
    "Mediators from {mediator} said they hoped the talks would lead to a lasting settlement.",
    "{group_cap} had rejected previous offers of a ceasefire, saying foreign forces must leave first.",
    "A spokesman for {government} said the ceasefire would hold as long as the militants respected it.",
]
BACKGROUND = [
    "The province has seen heavy fighting in recent months as the government struggles to reassert control over rural districts.",
    "Analysts say the conflict has entered a new phase, with both sides seeking leverage before any settlement.",
    "Humanitarian groups have repeatedly warned that civilians bear the brunt of the violence.",
    "The United Nations said in its latest report that the number of civilian casualties had risen sharply this year.",
    "Residents said shops had reopened but that many families were afraid to send their children to school.",
    "The government has promised to rebuild roads and clinics damaged in the fighting, but progress has been slow.",
    "Diplomats said a deal remained distant, with disagreements over prisoner releases and the future of the constitution.",
    "Local elders have tried for years to broker agreements between rival commanders in the area.",
    "The region is one of the poorest in the country, and unemployment among young men is high.",
    "Officials said additional troops had been sent to the area to secure the main highway.",
]
QUOTES = [
    '"We heard a huge blast and then gunfire," said {name}, a shopkeeper who was near the scene. "People were running everywhere."',
    '"This is a crime against innocent people," {official} said in a statement.',
    '"We are ready for talks, but the other side must show it is serious," a senior commander said.',
    '"Our doors are open to peace," said {name}, a member of the negotiating team.',
    '"The situation is under control now," said {name}, a police spokesman.',
]
NAMES = ["Ahmad Karimi", "Abdul Rahman", "Fatima Noori", "Mohammad Yusuf", "Hassan Ali", "Amina Bello", "Omar Saleh"]


def article(i: int, rng: random.Random) -> dict:
    place, country = rng.choice(PLACES)
    group = rng.choice(ARMED_GROUPS)
    government = GOVERNMENTS[country]
    mediator = rng.choice(MEDIATORS)
    values = {
        "place": place,
        "group": group,
        "group_cap": group[0].upper() + group[1:],
        "government": government,
        "government_cap": government[0].upper() + government[1:],
        "mediator": mediator,
        "mediator_place": rng.choice(["Doha", "Geneva", "Islamabad", "Moscow", "Oslo"]),
        "target": rng.choice(TARGETS),
        "victims": rng.choice(VICTIMS),
        "official": rng.choice(OFFICIALS),
        "day": rng.choice(DAYS),
        "killed": rng.randint(2, 60),
        "injured": rng.randint(3, 120),
        "name": rng.choice(NAMES),
    }
    negotiation = rng.random() < 0.3
    lead = rng.choice(NEGOTIATION_LEADS if negotiation else ATTACK_LEADS)
    paragraphs = [f"{place.upper()}, {country} — " + lead.format(**values)]
    for _ in range(rng.randint(9, 18)):
        kind = rng.random()
        pool = FOLLOW_UPS if kind < 0.35 else QUOTES if kind < 0.5 else BACKGROUND
        sentences = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
        values["name"] = rng.choice(NAMES)
        paragraphs.append(" ".join(s.format(**values) for s in sentences))
    if rng.random() < 0.4:  # a second event, as many reports recall an earlier one
        values.update(day=rng.choice(DAYS), target=rng.choice(TARGETS), killed=rng.randint(2, 40))
        paragraphs.append("Earlier, " + rng.choice(ATTACK_LEADS).format(**values)[0].lower() + rng.choice(ATTACK_LEADS).format(**values)[1:])
    published = date(2015, 1, 1) + timedelta(days=rng.randint(0, 5 * 365))
    title = lead.format(**values).split(",")[0][:90]
    return {
        "id": f"bench-{i:07d}",
        "title": title,
        "published": published.isoformat(),
        "source": rng.choice(SOURCES),
        "text": "\n\n".join(paragraphs) + "\n",
    }


def write_articles(count: int, folder: Path, seed: int = 1) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files = []
    for start in range(0, count, ARTICLES_PER_FILE):
        path = folder / f"articles-{start // ARTICLES_PER_FILE:04d}.jsonl"
        with open(path, "w", encoding="utf-8") as out:
            for i in range(start, min(count, start + ARTICLES_PER_FILE)):
                out.write(json.dumps(article(i, rng)) + "\n")
        files.append(path)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder for the .jsonl files")
    args = parser.parse_args()
    files = write_articles(args.articles, args.output, args.seed)
    words = sum(len(json.loads(line)["text"].split()) for f in files for line in f.open())
    print(f"{args.articles} articles, {words / args.articles:.0f} words each on average, in {len(files)} file(s) under {args.output}")


if __name__ == "__main__":
    main()
