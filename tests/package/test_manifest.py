"""The Teams app package: manifest valid against Microsoft's schema, Dutch commands, icons, zip."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft7Validator, validators
from PIL import Image

from bot.reporting.from_message import COMMAND_ID

from .conftest import APP_PACKAGE_DIR, BOT_DOMAIN, BOT_ID, RunPackage, load_script

# Microsoft's schemas declare draft-04 but also use `const` and `if`/`then` (draft-06/07);
# a plain Draft4Validator would silently ignore those, so add them.
TeamsSchemaValidator = validators.extend(
    Draft4Validator,
    {"const": Draft7Validator.VALIDATORS["const"], "if": Draft7Validator.VALIDATORS["if"]},
)

EXPECTED_FILES = ["manifest.json", "color.png", "outline.png", "en-us.json"]

# title -> words its Dutch description must contain
DUTCH_COMMANDS = {
    "help": "Uitleg",
    "rol": "rol kiezen of wijzigen",
    "meld": "Iets melden",
    "protocol": "Samenvatting van het protocol",
    "privacy": "Wat we bewaren",
    "mijn meldingen": "meldingen",
    "meldingen hier": "kanaal instellen voor meldingen",
    "overzicht": "open meldingen van je school",
    "inzichten": "protocol niet beantwoordt",
}
COMMANDS_PER_SCOPE = {
    "personal": ["help", "rol", "meld", "protocol", "privacy", "mijn meldingen"],
    "team": ["help", "rol", "protocol", "privacy", "meldingen hier", "overzicht", "inzichten"],
    "groupChat": ["help", "rol", "protocol", "privacy"],
}


def schema_errors(schema_path: Path, document: dict[str, Any]) -> list[str]:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = TeamsSchemaValidator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]


def zip_bytes(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


# --- the manifest against Microsoft's published schema -------------------------------------------


def test_manifest_is_valid_against_microsoft_schema(manifest: dict[str, Any], schema_dir: Path) -> None:
    assert schema_errors(schema_dir / "MicrosoftTeams.schema.json", manifest) == []


def test_schema_url_and_manifest_version_agree(manifest: dict[str, Any], schema_dir: Path) -> None:
    version = manifest["manifestVersion"]
    assert re.fullmatch(r"1\.\d+", version)
    assert manifest["$schema"] == (
        f"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json"
    )


def test_the_validator_catches_what_the_schema_forbids(manifest: dict[str, Any], schema_dir: Path) -> None:
    """Guards the validator itself: wrong version, a non-GUID bot id and a 4th command list fail."""
    broken = json.loads(json.dumps(manifest))
    broken["manifestVersion"] = "1.0"
    broken["bots"][0]["botId"] = "not-a-guid"
    broken["bots"][0]["commandLists"].append({"scopes": ["personal"], "commands": [{"title": "x"}]})
    errors = "\n".join(schema_errors(schema_dir / "MicrosoftTeams.schema.json", broken))
    assert "$.manifestVersion" in errors
    assert "$.bots[0].botId" in errors
    assert "$.bots[0].commandLists" in errors


def test_english_localization_is_valid_and_points_at_real_commands(
    package_zip: Path, manifest: dict[str, Any], schema_dir: Path
) -> None:
    info = manifest["localizationInfo"]
    assert info["defaultLanguageTag"] == "nl-nl"
    assert info["additionalLanguages"] == [{"languageTag": "en-us", "file": "en-us.json"}]
    english = json.loads(zip_bytes(package_zip, "en-us.json"))
    assert schema_errors(schema_dir / "MicrosoftTeams.Localization.schema.json", english) == []
    assert english["$schema"].endswith(
        f"/v{manifest['manifestVersion']}/MicrosoftTeams.Localization.schema.json"
    )

    lists = manifest["bots"][0]["commandLists"]
    key = re.compile(r"bots\[0\]\.commandLists\[(\d)\]\.commands\[(\d+)\]\.(title|description)")
    translated = set()
    for name in english:
        match = key.fullmatch(name)
        if match:
            list_index, command_index, field = int(match[1]), int(match[2]), match[3]
            assert field == "description", "command titles are what the bot parses: keep them untranslated"
            assert command_index < len(lists[list_index]["commands"]), name
            translated.add((list_index, command_index))
    every_command = {(i, j) for i, entry in enumerate(lists) for j in range(len(entry["commands"]))}
    assert translated == every_command


# --- what the manifest says ----------------------------------------------------------------------


def test_placeholders_are_filled_from_the_settings(manifest: dict[str, Any]) -> None:
    assert "{{" not in json.dumps(manifest)
    assert manifest["id"] == BOT_ID  # TEAMS_APP_ID defaults to the bot's app id
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["validDomains"] == [BOT_DOMAIN]
    assert manifest["developer"] == {
        "name": "Mag dit?",
        "websiteUrl": f"https://{BOT_DOMAIN}/",
        "privacyUrl": f"https://{BOT_DOMAIN}/privacy",
        "termsOfUseUrl": f"https://{BOT_DOMAIN}/gebruiksvoorwaarden",
    }
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])


def test_one_bot_in_three_scopes_that_accepts_files(manifest: dict[str, Any]) -> None:
    (bot,) = manifest["bots"]
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert bot["supportsFiles"] is True
    assert bot.get("isNotificationOnly", False) is False
    assert manifest["name"]["short"] == "Mag dit?"
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_command_lists_hold_the_dutch_commands_per_scope(manifest: dict[str, Any]) -> None:
    lists = manifest["bots"][0]["commandLists"]
    by_scope = {}
    for entry in lists:
        (scope,) = entry["scopes"]
        by_scope[scope] = entry["commands"]
    assert {
        scope: [c["title"] for c in commands] for scope, commands in by_scope.items()
    } == COMMANDS_PER_SCOPE
    for commands in by_scope.values():
        for command in commands:
            assert DUTCH_COMMANDS[command["title"]] in command["description"], command


def test_reporting_commands_are_personal_only(manifest: dict[str, Any]) -> None:
    for entry in manifest["bots"][0]["commandLists"]:
        titles = {command["title"] for command in entry["commands"]}
        if entry["scopes"] != ["personal"]:
            assert not titles & {"meld", "mijn meldingen"}, entry["scopes"]
        if entry["scopes"] != ["team"]:
            assert "meldingen hier" not in titles


def test_meld_dit_bericht_is_a_message_action_the_bot_answers(
    manifest: dict[str, Any], package_zip: Path
) -> None:
    """The message action opens its dialog from the bot (fetchTask), on messages only, with the id the bot
    checks; its title and description are translated for English clients."""
    (extension,) = manifest["composeExtensions"]
    assert extension["botId"] == BOT_ID == manifest["bots"][0]["botId"]
    (command,) = extension["commands"]
    assert command["id"] == COMMAND_ID
    assert (command["type"], command["context"], command["fetchTask"]) == ("action", ["message"], True)
    assert command["title"] == "Meld dit bericht" and "parameters" not in command
    english = json.loads(zip_bytes(package_zip, "en-us.json"))
    assert english["composeExtensions[0].commands[0].title"] == "Report this message"
    assert english["composeExtensions[0].commands[0].description"]


# --- the icons -----------------------------------------------------------------------------------


def test_color_icon_is_192_square_and_full_bleed(package_zip: Path) -> None:
    image = Image.open(io.BytesIO(zip_bytes(package_zip, "color.png")))
    assert image.format == "PNG"
    assert image.size == (192, 192)
    alpha = image.convert("RGBA").getchannel("A")
    assert alpha.getextrema() == (255, 255)  # no transparency: full bleed
    assert len(image.convert("RGB").getcolors(maxcolors=192 * 192) or []) > 2


def test_outline_icon_is_32_square_white_on_transparent(package_zip: Path) -> None:
    image = Image.open(io.BytesIO(zip_bytes(package_zip, "outline.png")))
    assert image.format == "PNG"
    assert image.size == (32, 32)
    assert image.mode == "RGBA"
    raw = image.tobytes()
    pixels = [tuple(raw[i : i + 4]) for i in range(0, len(raw), 4)]
    off_white = [p for p in pixels if p[3] != 0 and p[:3] != (255, 255, 255)]
    assert off_white == []
    assert {p[3] for p in pixels} == {0, 255}  # fully transparent or opaque white, nothing between
    opaque = sum(1 for p in pixels if p[3] == 255)
    assert 0.1 < opaque / len(pixels) < 0.6  # a real drawing, not an empty or a filled square


def test_committed_icons_are_what_the_script_draws() -> None:
    make_icons = load_script("make_icons")
    for name, image in (
        ("color.png", make_icons.draw_color_icon()),
        ("outline.png", make_icons.draw_outline_icon()),
    ):
        committed = Image.open(APP_PACKAGE_DIR / name)
        assert committed.mode == image.mode
        assert committed.tobytes() == image.tobytes(), f"{name} is stale: run scripts/make_icons.py"


def test_icon_script_is_deterministic(tmp_path: Path) -> None:
    make_icons = load_script("make_icons")
    first = [path.read_bytes() for path in make_icons.write_icons(tmp_path / "a")]
    second = [path.read_bytes() for path in make_icons.write_icons(tmp_path / "b")]
    assert first == second


# --- the zip -------------------------------------------------------------------------------------


def test_zip_holds_exactly_the_package_files(package_zip: Path) -> None:
    with zipfile.ZipFile(package_zip) as archive:
        assert archive.namelist() == EXPECTED_FILES
        assert archive.testzip() is None
    for name in EXPECTED_FILES[1:]:
        assert zip_bytes(package_zip, name) == (APP_PACKAGE_DIR / name).read_bytes()


def test_zip_is_reproducible(package_zip: Path, run_package: RunPackage, tmp_path: Path) -> None:
    again = tmp_path / "again.zip"
    result = run_package(again, MicrosoftAppId=BOT_ID, BOT_DOMAIN=BOT_DOMAIN)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == package_zip.read_bytes()


def test_settings_override_the_defaults(run_package: RunPackage, tmp_path: Path) -> None:
    out = tmp_path / "school.zip"
    teams_app_id = "0b7d4c4e-2f7a-4d39-8a3e-1c3f5b9d7e21"
    result = run_package(
        out,
        MicrosoftAppId=BOT_ID,
        BOT_DOMAIN="Bot.De-Breul.NL",
        TEAMS_APP_ID=teams_app_id,
        TEAMS_APP_VERSION="2.3.4",
        DEVELOPER_NAME="Stichting De Breul",
        DEVELOPER_PRIVACY_URL="https://www.de-breul.nl/privacy",
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads(zip_bytes(out, "manifest.json"))
    assert manifest["id"] == teams_app_id
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["version"] == "2.3.4"
    assert manifest["validDomains"] == ["bot.de-breul.nl"]
    assert manifest["developer"]["name"] == "Stichting De Breul"
    assert manifest["developer"]["privacyUrl"] == "https://www.de-breul.nl/privacy"


def test_missing_app_id_fails_with_a_clear_message(run_package: RunPackage, tmp_path: Path) -> None:
    out = tmp_path / "none.zip"
    result = run_package(out, BOT_DOMAIN=BOT_DOMAIN)
    assert result.returncode == 2
    assert "MicrosoftAppId is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MicrosoftAppId", "my-bot"),
        ("BOT_DOMAIN", "https://magdit.example.nl/api/messages"),
        ("BOT_DOMAIN", "localhost"),
        ("DEVELOPER_PRIVACY_URL", "http://example.nl/privacy"),
        ("TEAMS_APP_VERSION", "v1"),
    ],
)
def test_invalid_settings_are_refused(run_package: RunPackage, tmp_path: Path, name: str, value: str) -> None:
    out = tmp_path / "bad.zip"
    settings = {"MicrosoftAppId": BOT_ID, "BOT_DOMAIN": BOT_DOMAIN, name: value}
    result = run_package(out, **settings)
    assert result.returncode == 2
    assert f"{name} is invalid" in result.stderr
    assert not out.exists()
