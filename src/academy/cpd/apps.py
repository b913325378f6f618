from django.apps import AppConfig


class CpdConfig(AppConfig):
    name = "academy.cpd"
    label = "cpd"
    verbose_name = "CPD ledger and revalidation portfolio"
    # No navigation entries: the bar must fit one line. The learner reaches the portfolio from
    # the dashboard; academy admins reach the CPD ledger from their academy's pages.
