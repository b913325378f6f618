"""A small issuing academy for tests: keys, DID document, status lists and a signed credential."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from threadlift.credentials import credential as cred
from threadlift.credentials import did, keys, proof, status

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
HOST = "academy.example"


@dataclass
class Academy:
    slug: str = "north-thread"
    name: str = "North Thread Academy"
    keys: list[tuple[str, keys.KeyPair]] = field(default_factory=list)
    revoked: set[int] = field(default_factory=set)
    suspended: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        if not self.keys:
            self.rotate()

    @property
    def did(self) -> str:
        return did.did_web(HOST, "academies", self.slug)

    def rotate(self) -> None:
        self.keys.insert(0, (f"key-{len(self.keys) + 1}", keys.generate_key_pair()))

    def did_document(self) -> dict[str, Any]:
        return did.did_document(
            self.did, [did.PublishedKey(fragment, pair.public_pem) for fragment, pair in self.keys]
        )

    def list_url(self, purpose: str) -> str:
        return f"https://{HOST}/academies/{self.slug}/status/{purpose}.json"

    def status_lists(self) -> dict[str, dict[str, Any]]:
        fragment, pair = self.keys[0]
        lists = {}
        for purpose, indices in (("revocation", self.revoked), ("suspension", self.suspended)):
            url = self.list_url(purpose)
            unsigned = status.list_credential(
                issuer_did=self.did,
                url=url,
                purpose=purpose,
                set_indices=sorted(indices),
                issued=NOW,
            )
            lists[url] = proof.sign(unsigned, pair.private_pem, f"{self.did}#{fragment}")
        return lists

    def issue(
        self,
        *,
        index: int = 7,
        name: str = "Dr Lena Learner",
        valid_until: dt.datetime | None = None,
    ) -> dict[str, Any]:
        fragment, pair = self.keys[0]
        achievement = cred.AchievementFacts(
            id=f"https://{HOST}/courses/pdo-foundation/",
            name="PDO thread lift: foundation",
            description="Mono and cog PDO threads for the lower face.",
            evidence=(
                cred.Evidence(
                    "Supervised cases signed by a trainer",
                    "12 signed cases on this run.",
                    key="cases",
                    result_type="RawScore",
                    value="12",
                ),
                cred.Evidence(
                    "DOPS at level 3 or above",
                    "Highest signed DOPS global rating: level 3.",
                    key="dops",
                    result_type="RubricCriterionLevel",
                    level=3,
                ),
                cred.Evidence("Completed the course run", "The run ended on 20 November 2026."),
            ),
            materials=("PDO", "PLLA"),
            designs=("mono", "cog"),
            cpd_hours=14.0,
            accrediting_body="CPD Certification Service",
            accreditation_reference="CPD-123",
            alignments=(
                cred.Alignment(
                    name="Plans a safe thread vector",
                    url=f"https://{HOST}/competencies/plan-vector/",
                    framework="Threadlift Academy competency framework",
                    code="TL-PLAN-1",
                ),
            ),
        )
        facts = cred.CredentialFacts(
            id=f"https://{HOST}/credentials/{index:08d}/",
            issuer_did=self.did,
            issuer_name=self.name,
            issuer_url=f"https://{HOST}/providers/{self.slug}/",
            subject_name=name,
            subject_id="urn:uuid:7b0c3f7e-1111-4d4b-9a0e-123456789abc",
            achievement=achievement,
            valid_from=NOW,
            valid_until=valid_until,
            status=[
                status.entry(self.list_url(purpose), purpose, index) for purpose in status.PURPOSES
            ],
        )
        return proof.sign(
            cred.build_credential(facts), pair.private_pem, f"{self.did}#{fragment}", created=NOW
        )
