"""`threadlift assess | triage | aftercare | consent`: the clinical assessment on the command
line.

Exit codes: 0 done (whatever the verdict or urgency), 2 bad input naming the field
(`threadlift.cli.InputError`), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from threadlift.errors import InputError
from threadlift.knowledge.vocab import DESIGN_IDS, INDICATION_IDS, SYMPTOMS

SYMPTOM_HELP = (
    'symptom ids (spaces or hyphens also accepted, e.g. "pus or fluctuance"): '
    + ", ".join(SYMPTOMS)
)


def register(subparsers: Any) -> None:
    """Add the `assess`, `triage`, `aftercare` and `consent` sub-commands to the dispatcher."""
    assess = subparsers.add_parser(
        "assess",
        help="assess a patient's suitability for thread lifting (exit 0, or 2 on bad input)",
        description="Assess PATIENT.json: verdict, reasons, alternatives and screening.",
    )
    assess.add_argument("patient", nargs="?", metavar="PATIENT.json", help="patient profile")
    assess.add_argument("--json", action="store_true", help="print the assessment as JSON")
    assess.add_argument(
        "--schema", action="store_true", help="print the JSON Schema of a patient profile"
    )
    assess.set_defaults(func=run_assess)

    triage = subparsers.add_parser(
        "triage",
        help="triage complications from symptoms and days since the procedure",
        description="Triage symptoms reported DAYS after a thread lift. " + SYMPTOM_HELP,
    )
    triage.add_argument("--days", required=True, help="days since the procedure (0 = same day)")
    triage.add_argument("symptoms", nargs="+", metavar="SYMPTOM", help=SYMPTOM_HELP)
    triage.add_argument("--json", action="store_true", help="print the triage as JSON")
    triage.set_defaults(func=run_triage)

    aftercare = subparsers.add_parser(
        "aftercare",
        help="a dated aftercare schedule (optionally as .ics and PDF)",
        description="Aftercare schedule from the procedure date, for an indication.",
    )
    aftercare.add_argument("--date", required=True, help="procedure date, YYYY-MM-DD")
    aftercare.add_argument(
        "--indication", required=True, help=f"indication id: {', '.join(INDICATION_IDS)}"
    )
    aftercare.add_argument(
        "--design",
        action="append",
        default=[],
        help=f"thread design used (repeatable): {', '.join(DESIGN_IDS)}; design-specific "
        "advice (e.g. for cones) is given only for the designs named",
    )
    aftercare.add_argument("--contact", help="the clinic's contact details for the red flags")
    aftercare.add_argument(
        "--patient-ref",
        default="",
        help="a patient reference (hashed into the calendar's event ids, never written out)",
    )
    aftercare.add_argument("--ics", metavar="FILE", help="also write an iCalendar file")
    aftercare.add_argument("--pdf", metavar="FILE", help="also write a printable PDF")
    aftercare.add_argument("--json", action="store_true", help="print the schedule as JSON")
    aftercare.set_defaults(func=run_aftercare)

    consent = subparsers.add_parser(
        "consent",
        help="a consent document for a planned thread lift (text, JSON or PDF)",
        description="Consent document: products and their regulatory status (off-label use "
        "named), the procedure, honest duration, alternatives, complications with frequencies, "
        "aftercare, photographs, who performs it, emergency contact, time to decide, signatures.",
    )
    consent.add_argument(
        "--indication", required=True, help=f"indication id: {', '.join(INDICATION_IDS)}"
    )
    consent.add_argument(
        "--product", action="append", default=[], required=True,
        help="product id from the knowledge base (repeatable)",
    )  # fmt: skip
    consent.add_argument("--clinician", required=True, help="who performs the procedure")
    consent.add_argument("--contact", required=True, help="the clinic's emergency contact")
    consent.add_argument("--patient", help="patient name (optional)")
    consent.add_argument("--pdf", metavar="FILE", help="also write a printable PDF")
    consent.add_argument("--json", action="store_true", help="print the document as JSON")
    consent.set_defaults(func=run_consent)


def _input_error(field: str, message: str) -> Exception:
    return InputError(field, message)


def _cite(item: Any) -> str:
    # One "unconfirmed" per claim: a mark that repeats the grade is not printed again.
    marks = "".join(f" [{m}]" for m in item.marks if m != item.evidence)
    return f"[{', '.join(item.sources)}] ({item.evidence}){marks}"


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, width=100, initial_indent=indent, subsequent_indent=indent)


# assess --------------------------------------------------------------------------------------


def run_assess(args: argparse.Namespace) -> int:
    from threadlift.assessment import (
        InputProblem,
        consultation_report,
        parse_profile,
        profile_json_schema,
    )
    from threadlift.knowledge import load_knowledge

    kb = load_knowledge()
    if args.schema:
        print(json.dumps(profile_json_schema(kb), indent=2))
        return 0
    if not args.patient:
        raise _input_error("PATIENT.json", "give a patient profile file (or --schema)")
    try:
        text = Path(args.patient).read_text(encoding="utf-8")
    except OSError as exc:
        raise _input_error("PATIENT.json", f"cannot read {args.patient}: {exc.strerror}") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise _input_error(
            "PATIENT.json", f"invalid JSON at line {exc.lineno} column {exc.colno}"
        ) from None
    try:
        report = consultation_report(parse_profile(text, kb), kb)
    except InputProblem as exc:
        raise _input_error(exc.field, exc.message) from None
    result = report.assessment
    if args.json:
        data = result.model_dump(mode="json")
        contract = {k: data[k] for k in ("verdict", "reasons", "alternatives", "screening")}
        contract["areas"] = data["areas"]
        print(json.dumps(contract, indent=2, ensure_ascii=False))
        return 0
    print(f"Verdict: {result.verdict.replace('_', ' ').upper()}")
    for area in result.areas:
        print(f"  {area.name}: laxity {area.laxity}, {area.concern} -> {area.verdict}")
    print("Reasons:")
    for r in result.reasons:
        where = f" ({r.area})" if r.area else ""
        print(f"  - {r.severity}{where}: {r.code} {_cite(r)}")
        print(_wrap(r.message))
        if r.referral:
            print(_wrap(f"Referral: {r.referral}"))
        for note in r.notes:  # a note shared by several reasons comes with the first only
            print(_wrap(f"Note: {note}"))
    if result.alternatives:
        print("Alternatives:")
        for a in result.alternatives:
            print(f"  - {a.treatment} {_cite(a)}")
            print(_wrap(a.why))
    s = result.screening
    print("Screening:")
    if s.bddq_as is not None:
        if s.bddq_as.positive:
            outcome = "POSITIVE"
        elif not s.bddq_as.complete:
            outcome = "SCREEN INCOMPLETE (items 1 and 2 yes; the deciding items are blank)"
        else:
            outcome = "negative"
        print(f"  BDDQ-AS: {outcome} {_cite(s.bddq_as)}")
    if s.dcq is not None:
        others = ", ".join(
            f">={c.at_least} {'met' if c.met else 'not met'}" for c in s.dcq.other_cut_offs
        )
        print(
            f"  DCQ: total {s.dcq.total}/21, {'POSITIVE' if s.dcq.positive else 'negative'} "
            f"at >={s.dcq.cut_off} (other cut-offs: {others}) {_cite(s.dcq)}"
        )
    if not s.done:
        print("  none recorded")
    _print_options_and_expectations(report)
    return 0


def _print_options_and_expectations(report: Any) -> None:
    print("Thread options (as published, best first; '-' = not given):")
    verdicts = {a.area: a.verdict for a in report.assessment.areas}
    for area in report.areas:
        print(f"  {area.name}:")
        if not area.options and verdicts.get(area.area) == "not_suitable":
            print("    none: not suitable (see the reasons)")
        for o in area.options:
            per_side = "-"
            if o.threads_per_side:
                low, high = o.threads_per_side.min, o.threads_per_side.max
                per_side = str(low) if low == high else f"{low}-{high}"
            print(
                f"    {o.rank}. {o.material_name or '-'}, {o.design_name or '-'}, "
                f"{per_side} per side, {o.gauge or '-'} {_cite(o)}"
            )
    print("Expectations (for the patient):")
    for statement in report.expectations.statements:
        label = (statement.material or "any thread").upper()
        print(f"  {label} {_cite(statement)}")
        print(_wrap(statement.text))


# triage --------------------------------------------------------------------------------------


def _int(value: str, field: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise _input_error(field, f"expected a whole number, got {value!r}") from None


def run_triage(args: argparse.Namespace) -> int:
    from threadlift.assessment import InputProblem, parse_symptoms, triage
    from threadlift.knowledge import load_knowledge

    days = _int(args.days, "--days")
    try:
        result = triage(load_knowledge(), parse_symptoms(args.symptoms), days)
    except InputProblem as exc:
        raise _input_error(exc.field, exc.message) from None
    if args.json:
        print(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    print(
        f"Urgency: {result.urgency_label.upper()} (day {result.days}: {', '.join(result.symptoms)})"
    )
    if result.red_flags:
        print("Red flags:")
        for m in result.red_flags:
            print(f"  ! {m.name} {_cite(m)}")
            print(_wrap(m.advice))
    print("Likely complications:")
    for c in result.likely:
        print(f"  - {c.name} [{c.urgency_label}] {_cite(c)}")
        for step in c.management:
            print(_wrap(f"* {step}", "      "))
        if c.refer_urgently:
            print(_wrap(f"Refer: {c.refer_urgently}", "      "))
    if not result.likely:
        print("  no specific pattern; review clinically")
    other = [m for m in result.matches if not m.red_flag]
    if other:
        print("Advice:")
        for m in other:
            print(f"  - {m.name} [{m.urgency_label}] {_cite(m)}")
            print(_wrap(m.advice))
    if result.superseded:
        names = "; ".join(m.name for m in result.superseded)
        print(_wrap(f"Also matched, explained by the more urgent patterns above: {names}.", "  "))
    return 0


# aftercare -----------------------------------------------------------------------------------


def run_aftercare(args: argparse.Namespace) -> int:
    from threadlift.assessment import InputProblem, aftercare_schedule, schedule_ics, schedule_pdf
    from threadlift.knowledge import load_knowledge

    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        raise _input_error("--date", f"expected YYYY-MM-DD, got {args.date!r}") from None
    if args.indication not in INDICATION_IDS:
        raise _input_error(
            "--indication",
            f"unknown indication {args.indication!r}; known: {', '.join(INDICATION_IDS)}",
        )
    for index, design in enumerate(args.design):
        if design not in DESIGN_IDS:
            raise _input_error(
                f"--design.{index}", f"unknown design {design!r}; known: {', '.join(DESIGN_IDS)}"
            )
    kb = load_knowledge()
    try:
        schedule = aftercare_schedule(kb, day, args.indication, args.design, args.contact)
    except InputProblem as exc:
        raise _input_error("--date", exc.message) from None
    if args.ics:
        ics = schedule_ics(schedule, datetime.now(UTC), args.patient_ref)
        _write(args.ics, "--ics", ics.encode("utf-8"))
    if args.pdf:
        _write(args.pdf, "--pdf", schedule_pdf(schedule, kb))
    if args.json:
        print(json.dumps(schedule.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    print(
        f"Aftercare after thread lifting ({schedule.indication_name}), procedure {day:%a %d %b %Y}"
    )
    print(f"  Evidence: {_cite(schedule)} - clinic leaflets; ranges, not limits.")
    for e in schedule.entries:
        end = e.ends_latest or e.ends_earliest or e.starts
        until = (
            f"{e.ends_earliest:%d %b} to {end:%d %b %Y}"
            if e.ends_earliest and e.ends_earliest != end
            else f"{end:%d %b %Y}"
        )
        print(f"  {e.starts:%d %b %Y} -> {until}: {e.instruction} ({e.range_text})")
    print("Follow-up visits:")
    for v in schedule.visits:
        window = f"{v.earliest:%d %b %Y}" + (
            "" if v.latest == v.earliest else f" to {v.latest:%d %b %Y}"
        )
        print(f"  {v.label}: {window} {_cite(v)}")
    if schedule.omitted:
        print(_wrap(f"Not for this area or design: {', '.join(schedule.omitted)}", "  "))
    print(f"{schedule.contact_heading}:")
    for flag in schedule.red_flags:
        print(_wrap(f"! {flag.text} {_cite(flag)}", "  "))
    print(f"  Contact: {schedule.clinic_contact or 'your clinic (no contact details given)'}")
    for path in filter(None, (args.ics, args.pdf)):
        print(f"wrote {path}")
    return 0


def _write(path: str, field: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise _input_error(field, f"cannot write {path}: {exc.strerror}") from None


# consent -------------------------------------------------------------------------------------

CONSENT_FIELDS = {
    "indication": "--indication",
    "products": "--product",
    "clinician": "--clinician",
    "clinic_contact": "--contact",
    "patient_name": "--patient",
}


def run_consent(args: argparse.Namespace) -> int:
    from threadlift.assessment import InputProblem
    from threadlift.assessment.consent import consent_document
    from threadlift.assessment.consent_pdf import consent_pdf
    from threadlift.knowledge import load_knowledge

    kb = load_knowledge()
    try:
        doc = consent_document(
            kb,
            indication=args.indication,
            products=args.product,
            clinician=args.clinician,
            clinic_contact=args.contact,
            patient_name=args.patient,
        )
    except InputProblem as exc:
        head, _, rest = exc.field.partition(".")
        field = CONSENT_FIELDS.get(head, head) + (f".{rest}" if rest else "")
        raise _input_error(field, exc.message) from None
    if args.pdf:
        _write(args.pdf, "--pdf", consent_pdf(doc, kb))
    if args.json:
        print(json.dumps(doc.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    print(f"Consent to thread lifting: {doc.indication_name}")
    print(f"  Patient: {doc.patient_name or '-'}; performed by {doc.clinician}")
    print(f"  Clinic contact: {doc.clinic_contact}")
    for section in ("procedure", "regulatory"):
        _print_clause(doc.clause(section))
    for product in doc.products:
        label = "OFF-LABEL" if product.off_label else "cleared"
        print(f"  - {product.name} [{label}] {_cite(product)}")
        print(_wrap(product.status, "      "))
    _print_clause(doc.clause("duration"))
    for study in doc.longevity:
        kind = "independent" if study.independent else "vendor-linked"
        print(_wrap(f"- {study.study} ({kind}): {study.finding} {_cite(study)}", "    "))
    _print_clause(doc.clause("alternatives"))
    for alt in doc.alternatives:
        print(_wrap(f"- {alt.treatment} {_cite(alt)}", "    "))
    _print_clause(doc.clause("complications"))
    for risk in doc.risks:
        figures = [
            f"{f.figure} [{f.source}]{' (preprint)' if f.preprint else ''}" for f in risk.figures
        ]
        often = "; ".join(filter(None, [risk.frequency, *figures]))
        marks = "".join(f" [{m}]" for m in risk.marks)
        print(_wrap(f"- {risk.name}{marks}: {often}", "    "))
    _print_clause(doc.clause("aftercare"))
    for point in doc.aftercare:
        print(_wrap(f"- {point.instruction}", "    "))
    _print_clause(doc.clause("emergency"))
    for flag in doc.red_flags:
        print(_wrap(f"! {flag.text}", "    "))
    photos = doc.clause("photography")
    _print_clause(photos)
    for option in photos.options:
        print(_wrap(f"[ ] {option}", "    "))
    _print_clause(doc.clause("cooling_off"))
    print("Signatures:")
    print("  Patient: ______________________  Date: __________")
    print("  Clinician: ____________________  Date: __________")
    if args.pdf:
        print(f"wrote {args.pdf}")
    return 0


def _print_clause(clause: Any) -> None:
    print(f"{clause.title} {_cite(clause)}")
    print(_wrap(clause.text))
