"""Reading posted forms: one async dependency parses the body (already checked for CSRF), so
page handlers stay synchronous and run in the thread pool with the database calls."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request


class FormData(dict[str, str]):
    """Single-valued form fields as text; missing fields read as ''."""

    def text(self, name: str) -> str:
        return self.get(name, "").strip()

    def optional(self, name: str) -> str | None:
        value = self.text(name)
        return value or None


async def _form(request: Request) -> FormData:
    form = await request.form()
    return FormData({k: v for k, v in form.items() if isinstance(v, str)})


Form = Annotated[FormData, Depends(_form)]
