#!/usr/bin/env python3
"""Writes synthetic role descriptions for speed and memory measurements (not for accuracy).

usage: make_bench_corpus.py --out DIR (--files N --size BYTES | --single-file NAME --size BYTES) [--seed S]
"""
import argparse
import os
import random

TITLES = ["Product Owner", "Product Manager", "Senior Product Owner", "Technical Product Manager",
          "Product Manager/Owner", "Scrum Master", "Project Manager"]
AREAS = ["Payments", "Search", "Onboarding", "Checkout", "Loyalty", "Data Platform", "Mobile App"]
DUTIES = [
    "Own the product backlog and keep it ordered by value.",
    "Write user stories with acceptance criteria the team can test.",
    "Define the product vision and the three-year roadmap.",
    "Set the pricing for the premium tier with marketing.",
    "Prioritise features with the team.",
    "Schedule releases and coordinate the sprints.",
    "Run customer interviews every month.",
    "Contribute to the roadmap owned by the Product Manager.",
    "You will not own the roadmap; the Product Manager does.",
    "Attend every daily stand-up with the engineers.",
    "Answer the development team's questions during the sprint.",
    "Be responsible for the product's success.",
    "Track competitors and trends in the market.",
    "Keep the team focused on what ships in the next sprint.",
    "Work with the Product Owner to turn themes into epics.",
]
PROSE = [
    "Our {area} team is a Scrum team of seven engineers, a designer and a Scrum Master.",
    "As {title} you will work closely with engineering, design and the business.",
    "Success in this role is judged on revenue growth and on the team's velocity.",
    "We value clear writing, curiosity and a calm way of saying no.",
    "The {title} and the Scrum Master meet every Monday to look at the plan.",
]


def document(rng, size):
    title = rng.choice(TITLES)
    area = rng.choice(AREAS)
    parts = [f"# {title} — {area}\n\n"]
    length = len(parts[0])
    while length < size:
        section = f"## {rng.choice(['What you will do', 'About the team', 'How we measure success', 'Together'])}\n\n"
        body = [section]
        for _ in range(rng.randint(3, 7)):
            body.append("- " + rng.choice(DUTIES) + "\n")
        body.append("\n" + " ".join(rng.choice(PROSE).format(area=area, title=title) for _ in range(3)) + "\n\n")
        text = "".join(body)
        parts.append(text)
        length += len(text)
    return "".join(parts)[:size]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--files", type=int, default=0)
    parser.add_argument("--single-file")
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    if args.single_file:
        with open(os.path.join(args.out, args.single_file), "w", encoding="utf-8") as handle:
            handle.write(document(rng, args.size))
    else:
        for index in range(args.files):
            with open(os.path.join(args.out, f"doc{index:05}.md"), "w", encoding="utf-8") as handle:
                handle.write(document(rng, args.size))


if __name__ == "__main__":
    main()
