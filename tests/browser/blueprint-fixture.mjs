// blueprint-fixture.mjs: a site with an exam blueprint (three domains weighted 50/30/20 %, 20 questions in them:
// 9, 6 and 5) and scaled scoring, written by the tests themselves. Each question's right choice is "Right answer N"
// and its wrong one "Wrong answer N", so a test can answer any question right or wrong by its text.
import { buildFixture } from "./fixture.mjs";

export const DOMAINS = [
  { id: "design", name: "Design secure systems", weight: 50, count: 9 },
  { id: "operate", name: "Operate resilient systems", weight: 30, count: 6 },
  { id: "optimize", name: "Optimize costs", weight: 20, count: 5 },
];

/** Question id -> domain id. */
export const DOMAIN_OF = {};

function question(domain, n) {
  return `+++
title = "Question ${n} of ${domain.name}?"
topics = ["${domain.id}-topic"]
domain = "${domain.id}"
+++

A scenario for question ${n}.

## Choices

- [x] Right answer ${n}

  Why it is right.

- [ ] Wrong answer ${n}

  Why it is wrong.

## Answer

Right answer ${n}, because.
`;
}

export function blueprintFiles({ questions = 10 } = {}) {
  const files = {
    "site.toml": `title = "Blueprint Fixture"
base_url = "https://example.org/repo/"

[exam]
questions = ${questions}
minutes = 20
pass_mark = 70
score_scale = [100, 1000]
pass_score = 720
${DOMAINS.map((d) => `
[[exam.domains]]
id = "${d.id}"
name = "${d.name}"
weight = ${d.weight}
`).join("")}`,
    "content/open.md": `+++\ntitle = "An open question, never in an exam?"\ntopics = ["design-topic"]\n+++\n\nExplain.\n\n## Answer\n\nBecause.\n`,
  };
  let n = 0;
  for (const d of DOMAINS) {
    for (let k = 0; k < d.count; k++) {
      n++;
      const id = `${d.id}/q${n}`;
      DOMAIN_OF[id] = d.id;
      files[`content/${id}.md`] = question(d, n);
    }
  }
  return files;
}

export const buildBlueprint = (options) => buildFixture(blueprintFiles(options));
