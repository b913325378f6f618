

@pytest.mark.django_db(transaction=True)
def test_a_trainer_completes_and_signs_a_cbd_the_learner_requested(
    live_server: Any, page: Page
) -> None:
    lena = make_user("lena@example.org", "Dr Lena Learner", Role.LEARNER)
    theo = make_user("theo@example.org", "Dr Theo Trainer", Role.TRAINER)
    run = hands_on_run(theo, lena)
    case = a_case(lena, run)
    base = live_server.url

    log_in(page, base, lena.email)
    page.goto(f"{base}/logbook/wba/request/?case={case.pk}&kind=cbd")
    page.get_by_label("A trainer of the course run").check()
    page.get_by_label("Trainer", exact=True).select_option(str(theo.pk))
    page.get_by_role("button", name="Send the request").click()
    expect(page.locator("table")).to_contain_text("Dr Theo Trainer")
    assessment = WbaAssessment.objects.get()

    page.context.clear_cookies()
    log_in(page, base, theo.email)
    page.goto(f"{base}/logbook/wba/{assessment.pk}/")
    page.get_by_role("link", name="Complete the assessment").click()
    expect(page.locator("body")).to_contain_text("(U)")  # the unconfirmed wording is marked
    for domain in load_forms().form("cbd").domains:
        page.locator(f"input[name='domain_{domain.id}'][value='4']").check()
    page.get_by_label("What went well").fill("Recognised the complication early.")
    page.get_by_label("Code").fill(totp_code(persona_device(theo)))
    snap(page, "8-trainer-cbd-form")
    page.get_by_role("button", name="Complete and sign").click()
    expect(page.locator(".messages")).to_contain_text("completed and signed")
    snap(page, "9-trainer-cbd-done")
    assessment.refresh_from_db()
    assert (assessment.status, assessment.overall) == ("completed", 4)
