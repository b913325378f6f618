"""How every form field is drawn: Django's field-group rendering with the project's template."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """`{{ form.name.as_field_group }}` renders core/templates/forms/field.html: the label (with
    "(optional)" or when the field is needed), the widget, the help text and the errors, which
    the widget points to with aria-describedby."""

    field_template_name = "forms/field.html"
