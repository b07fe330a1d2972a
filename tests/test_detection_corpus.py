"""Exact findings over a corpus of real-world config styles (tests/corpus).

The corpus files are templates: every key-shaped value is a ``{{PLACEHOLDER}}`` filled at run
time (random keys from :func:`tests.fake_values.random_key`, Ed25519/RSA keys generated with
``cryptography``, digests from ``hashlib``...). Nothing key-shaped is committed. A template
``tests/corpus/<dir>/<name>.tmpl`` is written to ``<dir>/<name>`` in a temporary directory
whose path says nothing about Binance, so only the file's own path and text give context.

Each table row says exactly what must be found in one rendered file, as
``(line, type, value placeholder, placeholder of the paired partner or None)``; lines are
lines of the rendered file. A multi-line placeholder (a PEM) is the last thing in its file,
so template and rendered line numbers agree wherever a finding is expected.

Test names avoid the word that gives context (pytest's ``tmp_path`` contains the test name).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import string
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from binance_secrets.hooks.commands.cli import cli
from binance_secrets.plugins.detection.engine import might_contain_secret, scan_text
from binance_secrets.plugins.detection.examples import is_documentation_example
from binance_secrets.plugins.detection.findings import API_KEY, PRIVATE_KEY, SECRET_KEY, fingerprint
from tests.fake_values import random_key

CORPUS = Path(__file__).parent / "corpus"
SAMPLE = Path(__file__).parent / "fixtures" / "sample" / "bot_config.py"

API, SECRET, PRIVATE = API_KEY, SECRET_KEY, PRIVATE_KEY

# ---------------------------------------------------------------------------------------------
# What must be found, file by file: {(line, type, value placeholder, paired-with or None)}.
# ---------------------------------------------------------------------------------------------

POSITIVES: dict[str, set[tuple[int, str, str, str | None]]] = {
    # BINANCE_API_KEY= / BINANCE_API_SECRET=
    "positive/dotenv/.env": {
        (2, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
    },
    # Binance's own APIs' keys beside BINANCE_API_KEY (FIX, WebSocket API, a sub-account);
    # a news service's key there is not Binance's
    "positive/dotenv/apis.env": {
        (2, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
        (4, API, "KEY2", None),
        (5, API, "KEY3", None),
        (6, API, "KEY4", None),
    },
    # binance: / api_key: / api_secret:
    "positive/yaml/config.yaml": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # A YAML block scalar holding a key file; the kraken block is Kraken's (issue 19)
    "positive/yaml/block_scalar.yaml": {
        (10, API, "KEY1", "SECRET1"),
        (11, SECRET, "SECRET1", "KEY1"),
        (16, SECRET, "SECRET3", None),
    },
    # Generic leaf names (`key_id`, `private`) under blocks named for Binance; okx's are OKX's
    "positive/yaml/exchange_blocks.yaml": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
        (7, API, "KEY3", "SECRET3"),
        (8, SECRET, "SECRET3", "KEY3"),
    },
    # Blocks longer than the lines around a value: the enclosing header decides (issue 19)
    "positive/yaml/long_blocks.yaml": {
        (13, API, "KEY1", "SECRET1"),
        (14, SECRET, "SECRET1", "KEY1"),
    },
    "positive/python/exchange_config.py": {
        (10, API, "KEY1", "SECRET1"),
        (11, SECRET, "SECRET1", "KEY1"),
    },
    # [binance] api_key = "..." / api_secret = '...'
    "positive/toml/bot.toml": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
    },
    "positive/ini/settings.ini": {
        (5, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
    },
    # "apiKey" / "secretKey" nested in a JSON object
    "positive/json/credentials.json": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # freqtrade: "exchange": {"name": "binance", "key": ..., "secret": ...}; its api_server's
    # jwt_secret_key (64 hex, as freqtrade generates it) is not a Binance secret.
    "positive/freqtrade/config.json": {
        (9, API, "KEY1", "SECRET1"),
        (10, SECRET, "SECRET1", "KEY1"),
    },
    # ccxt.binance({"apiKey": ..., "secret": ...})
    "positive/python/ccxt_bot.py": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # binance-connector: Spot(api_key=, api_secret=) and UMFutures(key=, secret=)
    "positive/python/connector_bot.py": {
        (4, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (7, API, "KEY2", "SECRET2"),
        (7, SECRET, "SECRET2", "KEY2"),
    },
    # python-binance Client("K", "S") on one line, and spread over several lines
    "positive/python/client_positional.py": {
        (3, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
        (7, API, "KEY2", "SECRET2"),
        (8, SECRET, "SECRET2", "KEY2"),
        # the key handed over as a variable: the literal is the second argument
        (13, API, "KEY3", "SECRET3"),
        (14, SECRET, "SECRET3", "KEY3"),
    },
    # A signed request by hand: the HMAC key is the secret (Python hmac.new, Node createHmac)
    "positive/python/sign_request.py": {
        (9, API, "KEY1", "SECRET1"),
        (11, SECRET, "SECRET1", "KEY1"),
    },
    "positive/javascript/sign.js": {
        (4, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
    },
    # --api-key K --api-secret S on a command line
    "positive/shell/cli_args.sh": {
        (3, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
    },
    # notebook source lines (JSON-escaped quotes); lines are lines of the .ipynb file
    "positive/notebook/backtest.ipynb": {
        (19, API, "KEY1", "SECRET1"),
        (20, SECRET, "SECRET1", "KEY1"),
        (30, API, "KEY2", "SECRET2"),
        (30, SECRET, "SECRET2", "KEY2"),
    },
    # export BINANCE_API_KEY=... / export BINANCE_API_SECRET="..."
    "positive/shell/run_bot.sh": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # docker-compose environment: as a list (- NAME=v) and as a map (NAME: v)
    "positive/compose/docker-compose.yml": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
        (12, API, "KEY2", "SECRET2"),
        (13, SECRET, "SECRET2", "KEY2"),
    },
    # Kubernetes env: - name: BINANCE_API_KEY / value: ...
    # a key-value settings table's mysqldump: the cell before each value names it; the
    # users row's lone token (remember_token) is no key
    "positive/misc/settings_table.sql": {
        (4, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
    },
    # .NET user secrets flattened to key paths: the sections say whose (Jwt:Secret is the
    # web app's signing key)
    "positive/csharp/secrets.json": {
        (2, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
    },
    # Render blueprint envVars: `- key: NAME` over `value: V`, beside other services' keys
    "positive/yaml/render_env_vars.yaml": {
        (12, API, "KEY1", "SECRET1"),
        (14, SECRET, "SECRET1", "KEY1"),
    },
    "positive/k8s/deployment.yaml": {
        (16, API, "KEY1", "SECRET1"),
        (18, SECRET, "SECRET1", "KEY1"),
    },
    # Kubernetes Secret data: base64 of the key and secret (reported as the decoded values)
    "positive/k8s/secret.yaml": {
        (8, API, "KEY1", "SECRET1"),
        (9, SECRET, "SECRET1", "KEY1"),
    },
    # hummingbot connector config with plain-text values
    "positive/hummingbot/conf_binance.yml": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
    },
    # Markdown table
    "positive/markdown/SETUP.md": {
        (7, API, "KEY1", "SECRET1"),
        (8, SECRET, "SECRET1", "KEY1"),
    },
    # Binance's own request tables name the parameter in backticks
    "positive/markdown/api_table.md": {
        (5, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
    },
    # FIX Logon: Username <553> is the API key (the signature is tag 96)
    "positive/text/fix_logon.log": {(2, API, "KEY1", None)},
    # Ed25519 PEM in a Python triple-quoted string, paired with the API key above it
    "positive/pem/ed25519_bot.py": {
        (4, API, "KEY1", "ED25519_PEM"),
        (5, PRIVATE, "ED25519_PEM", "KEY1"),
    },
    # RSA PEM in a YAML block scalar
    "positive/pem/rsa_account.yaml": {
        (3, API, "KEY1", "RSA_PEM"),
        (5, PRIVATE, "RSA_PEM", "KEY1"),
    },
    # a FIX API session's Ed25519 key: FIX is Binance's, no other service's word
    "positive/pem/fix.env": {
        (2, API, "KEY1", "ED25519_PEM"),
        (3, PRIVATE, "ED25519_PEM", "KEY1"),
    },
    # Ed25519 PEM on one line with escaped newlines (.env)
    "positive/pem/.env": {
        (2, API, "KEY1", "ED25519_PEM"),
        (3, PRIVATE, "ED25519_PEM", "KEY1"),
    },
    # Binance's documentation example key and secret: reported, with example=True
    "positive/docs/signing_example.md": {
        (7, API, "DOC_KEY", "DOC_SECRET"),
        (8, SECRET, "DOC_SECRET", "DOC_KEY"),
        (11, SECRET, "DOC_SECRET", "DOC_KEY"),  # openssl dgst -sha256 -hmac "..."
        (12, API, "DOC_KEY", "DOC_SECRET"),  # curl -H "X-MBX-APIKEY: ..."
    },
    # `# pragma: allowlist secret` on the line, and `pragma: allowlist nextline secret`
    "positive/allowlist/.env": {
        (6, SECRET, "SECRET2", None),
    },
    # ---- Styles of issue 7 (name_rules.NAME_RULES and SIBLING_RULES name each template)
    # tuple unpacking, os.environ[...] = ...
    "positive/python/tuple_env.py": {
        (4, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (5, API, "KEY2", "SECRET2"),
        (6, SECRET, "SECRET2", "KEY2"),
    },
    # black moved the value below its name
    "positive/python/formatted.py": {
        (4, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
    },
    # google-java-format continuation lines; setters
    "positive/java/BinanceConfig.java": {
        (7, API, "KEY1", "SECRET1"),
        (9, SECRET, "SECRET1", "KEY1"),
        (16, API, "KEY2", "SECRET2"),
        (17, SECRET, "SECRET2", "KEY2"),
    },
    # Spring @RequestParam defaults (Termf/binance-infra's mbx-sdk-sample)
    "positive/java/MatchBoxController.java": {
        (9, API, "KEY1", "SECRET1"),
        (10, SECRET, "SECRET1", "KEY1"),
    },
    # Kotlin typed vals; SpotClientImpl(K, S)
    "positive/kotlin/Bot.kt": {
        (3, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (7, API, "KEY2", "SECRET2"),
        (7, SECRET, "SECRET2", "KEY2"),
    },
    # Go typed vars; binance.NewClient(\n K,\n S)
    "positive/go/main.go": {
        (7, API, "KEY1", "SECRET1"),
        (8, SECRET, "SECRET1", "KEY1"),
        (12, API, "KEY2", "SECRET2"),
        (13, SECRET, "SECRET2", "KEY2"),
    },
    # C# auto-properties; new ApiCredentials(K, S)
    "positive/csharp/BinanceOptions.cs": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
        (14, API, "KEY2", "SECRET2"),
        (14, SECRET, "SECRET2", "KEY2"),
    },
    # An ASP.NET Boilerplate seed: AddSettingIfNotExists(CryptoBotNames.BinanceKey, K) over
    # the same call for BinanceSecret, ChangeSettingForUserAsync(user, Names.X, V); a
    # client's constructor after a variable still reads the literal as the secret
    "positive/csharp/DefaultSettingsCreator.cs": {
        (10, API, "KEY1", "SECRET1"),
        (11, SECRET, "SECRET1", "KEY1"),
        (13, API, "KEY1", "SECRET1"),
        (14, SECRET, "SECRET1", "KEY1"),
        (19, API, "KEY2", "SECRET2"),
        (20, SECRET, "SECRET2", "KEY2"),
        (23, SECRET, "SECRET3", None),
    },
    # .NET appSettings <add key="..." value="..."/>
    "positive/csharp/App.config": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # PHP new Binance\API(K, S); 'api_key' => ...
    "positive/php/bot.php": {
        (4, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (6, API, "KEY2", "SECRET2"),
        (7, SECRET, "SECRET2", "KEY2"),
    },
    # Laravel config arrays: the value as the fallback of a conditional on env() (`? :`,
    # `?:`, `!== null ?`); the one a Kraken variable falls back to is Kraken's
    # Getters named for the credential return it (Python def/lambda, JS get/arrow, Java);
    # the Kraken class's getter is Kraken's
    "positive/python/token_getters.py": {
        (7, API, "KEY1", "SECRET1"),
        (9, SECRET, "SECRET1", "KEY1"),
        (12, API, "KEY2", "SECRET2"),
        (13, SECRET, "SECRET2", "KEY2"),
    },
    "positive/javascript/getters.js": {
        (3, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (9, API, "KEY2", None),
    },
    "positive/java/BinanceKeyProvider.java": {
        (5, API, "KEY1", "SECRET1"),
        (9, SECRET, "SECRET1", "KEY1"),
    },
    # ERB in YAML: the fallback after a cleanup chain is named by the variable read
    "positive/yaml/erb_config.yml": {
        (3, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
    },
    # PRIVATE_KEY beside SECRET_KEY: the private one is the API key
    "positive/dotenv/private_secret.env": {
        (2, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
    },
    # SQL rows with function-call cells (now(), nextval('s'), datetime('now'))
    "positive/misc/pg_seed.sql": {
        (4, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (5, API, "KEY2", "SECRET2"),
        (5, SECRET, "SECRET2", "KEY2"),
    },
    # A credentials builder named for its key kind (Rust's Credentials::from_hmac) takes
    # (key, secret); a plain HMAC call's key is a secret
    "positive/rust/credentials.rs": {
        (4, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (6, API, "KEY2", "SECRET2"),
        (7, SECRET, "SECRET2", "KEY2"),
        (9, SECRET, "SECRET3", None),
    },
    # Terraform secret versions: the resource's own name says what secret_data is
    "positive/terraform/secret_versions.tf": {
        (8, API, "KEY1", "SECRET1"),
        (13, SECRET, "SECRET1", "KEY1"),
    },
    # VALUES opening the row's line below the column list; the kucoin row is KuCoin's
    "positive/misc/user_seed.sql": {
        (3, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
    },
    "positive/php/config_binance.php": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
        (8, API, "KEY2", "SECRET2"),
        (9, SECRET, "SECRET2", "KEY2"),
        (10, API, "KEY3", "SECRET3"),
        (11, SECRET, "SECRET3", "KEY3"),
    },
    # Ruby keyword arguments; ENV['...'] = ...
    "positive/ruby/bot.rb": {
        (3, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
        (4, API, "KEY2", "SECRET2"),
        (5, SECRET, "SECRET2", "KEY2"),
    },
    # Rust &str consts; Binance::new(Some(K.into()), Some(S.into())), String::from
    "positive/rust/main.rs": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
        (8, API, "KEY2", "SECRET2"),
        (8, SECRET, "SECRET2", "KEY2"),
        (10, API, "KEY3", "SECRET3"),
        (11, SECRET, "SECRET3", "KEY3"),
    },
    # TypeScript typed fields; prettier moved values below their names
    "positive/typescript/service.ts": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
        (9, API, "KEY2", "SECRET2"),
        (11, SECRET, "SECRET2", "KEY2"),
    },
    # fallback defaults of environment reads; a value wrapped in SecretStr(...)
    # A test asserting the key its mock configured: every line holding a found value is
    # one more place it leaked (a line a pragma allows is not)
    "positive/typescript/auth.test.ts": {
        (6, API, "KEY1", None),
        (12, API, "KEY1", None),
    },
    "positive/typescript/env_fallback.ts": {
        (3, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (6, SECRET, "SECRET2", "KEY2"),
        (7, API, "KEY2", "SECRET2"),
    },
    # XML elements; <name>/<value> pairs
    "positive/xml/binance.xml": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
        (9, API, "KEY2", "SECRET2"),
        (11, SECRET, "SECRET2", "KEY2"),
    },
    # Android string resources
    "positive/xml/strings.xml": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # Postman environment: {"key": NAME, "value": V}
    "positive/postman/binance.postman_environment.json": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
    },
    # Postman environment minified to one line: each value gets its own sibling's name
    "positive/postman/minified.postman_environment.json": {
        (1, API, "KEY1", "SECRET1"),
        (1, SECRET, "SECRET1", "KEY1"),
    },
    # Postman collection variables, key and value on separate lines
    "positive/postman/spot.postman_collection.json": {
        (6, API, "KEY1", "SECRET1"),
        (10, SECRET, "SECRET1", "KEY1"),
    },
    # Terraform variable defaults; an SSM parameter's name/value
    "positive/terraform/variables.tf": {
        (4, API, "KEY1", "SECRET1"),
        (10, SECRET, "SECRET1", "KEY1"),
        (16, SECRET, "SECRET2", None),
    },
    # Helm values
    "positive/iac/values.yaml": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
    },
    # Ansible vars and environment
    "positive/iac/playbook.yml": {
        (4, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
    },
    # gh secret set, aws ssm, kubectl, heroku, vault, docker run -e, curl -H
    "positive/shell/store_secrets.sh": {
        (5, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
        (8, API, "KEY2", "SECRET2"),
        (9, SECRET, "SECRET2", "KEY2"),
        (11, API, "KEY3", "SECRET3"),
        (11, SECRET, "SECRET3", "KEY3"),
        (12, API, "KEY4", "SECRET4"),
        (12, SECRET, "SECRET4", "KEY4"),
        (13, API, "KEY5", "SECRET5"),
        (13, SECRET, "SECRET5", "KEY5"),
        (14, API, "KEY6", "SECRET6"),
        (14, SECRET, "SECRET6", "KEY6"),
        (15, API, "KEY7", None),
    },
    # make: ?= and :=
    "positive/shell/Makefile": {
        (1, API, "KEY1", "SECRET1"),
        (2, SECRET, "SECRET1", "KEY1"),
    },
    # PowerShell $env: and SetEnvironmentVariable
    "positive/shell/run.ps1": {
        (2, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
        (4, API, "KEY2", "SECRET2"),
        (5, SECRET, "SECRET2", "KEY2"),
    },
    # Windows batch set / setx
    "positive/shell/run.bat": {
        (3, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (5, API, "KEY2", None),
    },
    # GitHub Actions env
    "positive/ci/.github/workflows/trade.yml": {
        (9, API, "KEY1", "SECRET1"),
        (10, SECRET, "SECRET1", "KEY1"),
    },
    # GitLab CI variables
    "positive/ci/.gitlab-ci.yml": {
        (2, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
    },
    # Jenkinsfile environment and withEnv
    "positive/ci/Jenkinsfile": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
        (10, API, "KEY2", None),
    },
    # systemd Environment=
    "positive/deploy/bot.service": {
        (5, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
    },
    # pm2 ecosystem file
    "positive/deploy/ecosystem.config.js": {
        (7, API, "KEY1", "SECRET1"),
        (8, SECRET, "SECRET1", "KEY1"),
    },
    # crontab line with inline environment
    "positive/deploy/crontab": {
        (2, API, "KEY1", "SECRET1"),
        (2, SECRET, "SECRET1", "KEY1"),
    },
    # copied from Binance's API Management page
    "positive/text/api_management.txt": {
        (3, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (8, API, "KEY2", "SECRET2"),
        (10, SECRET, "SECRET2", "KEY2"),
    },
    # CSV columns under their header
    "positive/text/keys.csv": {
        (2, API, "KEY1", "SECRET1"),
        (2, SECRET, "SECRET1", "KEY1"),
    },
    # R assignments
    "positive/misc/fetch.R": {
        (2, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
    },
    # C #define and `const char *name`; Kotlin `const val`
    "positive/misc/config.h": {
        (3, API, "KEY1", "SECRET1"),
        (4, SECRET, "SECRET1", "KEY1"),
        (5, API, "KEY2", None),
    },
    # SQL INSERT: each value named by its column
    "positive/misc/seed.sql": {
        (2, API, "KEY1", "SECRET1"),
        (2, SECRET, "SECRET1", "KEY1"),
    },
    # mysqldump rows of a table the dump does not create, in a dump of a Binance bot's
    # database: the first key-shaped cell of each row is the key, the second the secret,
    # never by their place in a `VALUES (` "call"; the key again as a foreign key is the
    # key; a row naming kraken is Kraken's
    "positive/misc/users_dump.sql": {
        (7, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
        (7, API, "KEY2", "SECRET2"),
        (7, SECRET, "SECRET2", "KEY2"),
        (11, API, "KEY1", None),
    },
    # SQL rows without a column list: position in a row whose cell says binance (issue 19)
    "positive/misc/exchanges.sql": {
        (3, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
        (6, API, "KEY3", "SECRET3"),
        (6, SECRET, "SECRET3", "KEY3"),
        # a mysqldump line: rows far along it are read from their own `(`; kraken's is not
        (9, API, "KEY5", "SECRET5"),
        (9, SECRET, "SECRET5", "KEY5"),
        (9, API, "KEY6", "SECRET6"),
        (9, SECRET, "SECRET6", "KEY6"),
    },
    # Rows whose exchange column (a name, or an id into the exchanges table above) says
    # whose keys they hold: Kraken's rows are not Binance's
    "positive/misc/user_exchanges.sql": {
        (8, API, "KEY1", "SECRET1"),
        (8, SECRET, "SECRET1", "KEY1"),
        (10, API, "KEY3", "SECRET3"),
        (10, SECRET, "SECRET3", "KEY3"),
        (12, API, "KEY5", "SECRET5"),
        (12, SECRET, "SECRET5", "KEY5"),
    },
    # A mysqldump's extended INSERT without a column list: columns from the file's CREATE
    # TABLE (the third row lies past a name's lookback); a table without a credential
    # column names nothing
    "positive/misc/key_table_dump.sql": {
        (13, API, "KEY1", "SECRET1"),
        (13, SECRET, "SECRET1", "KEY1"),
        (13, API, "KEY2", "SECRET2"),
        (13, SECRET, "SECRET2", "KEY2"),
        (13, API, "KEY3", "SECRET3"),
        (13, SECRET, "SECRET3", "KEY3"),
    },
    # PostgreSQL COPY rows: the token's kind in the cell before it says what it is; the
    # rows of another broker (its broker_name column) are that broker's
    "positive/misc/pg_copy.sql": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # SQL rows on their own lines below a column list (a mysqldump); an order id is none
    "positive/misc/accounts_dump.sql": {
        (3, API, "KEY1", "SECRET1"),
        (3, SECRET, "SECRET1", "KEY1"),
        (4, API, "KEY2", "SECRET2"),
        (4, SECRET, "SECRET2", "KEY2"),
    },
    # A recorded request's header, a YAML sequence item under its key (a VCR cassette)
    "positive/yaml/cassette.yml": {
        (10, API, "KEY1", None),
    },
    # A beego app.conf: [binance]'s pair; the [web] JWT secret_key (a framework's name,
    # no Binance word near it) and the [llm_openai] section's api_key are not Binance's
    "positive/ini/app.conf": {
        (4, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # A Qt QSettings file of one group per exchange, the same names in each (round 8: P2P
    # platforms and exchanges with their own keys, beside Binance's group)
    "positive/ini/exchange_groups.ini": {
        (5, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
    },
    # A column list led by an id (the id heuristic is not asked of a named value) and a row
    # longer than a name's lookback; the bybit row is bybit's
    "positive/misc/keys_seed.sql": {
        (2, API, "KEY1", "SECRET1"),
        (2, SECRET, "SECRET1", "KEY1"),
    },
    # A Markdown table named by its header row; the OKX row is OKX's (issue 19)
    "positive/markdown/accounts.md": {
        (5, API, "KEY1", "SECRET1"),
        (5, SECRET, "SECRET1", "KEY1"),
    },
    # Python bytes literals (issue 19)
    "positive/python/signing.py": {
        (6, API, "KEY1", "SECRET1"),
        (7, SECRET, "SECRET1", "KEY1"),
    },
    # docker-compose ${NAME:-default}
    "positive/compose/defaults.yml": {
        (5, API, "KEY1", "SECRET1"),
        (6, SECRET, "SECRET1", "KEY1"),
    },
    # log lines, URL query strings
    "positive/text/bot.log": {
        (1, API, "KEY1", "SECRET1"),
        (2, SECRET, "SECRET1", "KEY1"),
        (3, API, "KEY2", "SECRET2"),
        (3, SECRET, "SECRET2", "KEY2"),
    },
}

# Files in which nothing may be found.
NEGATIVES = [
    # A random 64-character key and secret, named api_key/api_secret, with no Binance context
    "negative/context_free/settings.yaml",
    "negative/context_free/.env",
    "negative/context_free/client.py",
    # The same PEMs as in positive/pem, without Binance context: detect-secrets' own
    # PrivateKeyDetector's business, not ours
    "negative/context_free/signer.py",
    "negative/context_free/server-key.pem",
    # Placeholders, sequential/repeated/low-entropy values, environment and vault reads
    "negative/placeholders/.env.example",
    "negative/placeholders/bot_env.py",
    # Digests, transaction ids, uuids, git SHAs, base64 and JWT blobs, listenKeys,
    # hummingbot's encrypted values, npm integrity hashes
    "negative/not_keys/orders.py",
    "negative/not_keys/listen_key.json",
    "negative/not_keys/binance.yml",
    "negative/not_keys/package.json",
    "negative/lockfile/package-lock.json",
    # Kubernetes Secret data that decodes to no key, or to a token no name calls a key
    "negative/k8s/secret.yaml",
    "negative/other_services/render_env_vars.yaml",
    # Other services' and exchanges' keys in a file that says binance
    "negative/other_services/.env",
    # other services' private keys by name (GitHub App, SSH, Kraken) beside a Binance key,
    # and a Google service account's key file whose path says binance
    "negative/other_services/keys.env",
    "negative/other_services/binance-trades-sheet.json",
    "negative/other_services/exchanges.json",
    "negative/other_services/news_bot.py",
    # The new shapes' negative twins: other exchanges' SQL rows, table rows, bytes literals
    "negative/other_services/exchanges.sql",
    "negative/other_services/accounts.md",
    "negative/other_services/kraken_cassette.yml",
    # Phoenix's secret_key_base in a config that configures Binance further up
    "negative/other_services/config.exs",
    "negative/other_services/signing.py",
    # A multi-exchange README naming Binance only in its list of exchanges, and generic
    # credentials handed to another exchange's client a few lines below them
    "negative/other_services/multi_exchange_README.md",
    "negative/other_services/handed_below.js",
    # A generic name under another service's YAML mapping (`jwt:` / `  secret:`)
    "negative/other_services/jwt_config.yaml",
    "negative/other_services/jwt_appsettings.json",
    # Look-alikes of the new styles: ids, tokens, digests, signatures, listenKeys by name
    "negative/look_alikes/config.xml",
    "negative/look_alikes/requests.postman_collection.json",
    "negative/look_alikes/main.tf",
    "negative/look_alikes/orders.py",
    "negative/look_alikes/store.sh",
    "negative/look_alikes/Models.cs",
    "negative/look_alikes/models.ts",
    "negative/look_alikes/receipt.txt",
    # Round 7's twins: an app's encryption passphrase, other exchanges' abbreviations,
    # getters whose names name no credential
    "negative/other_services/round7_twins.env",
    # Other exchanges' settings seeded by constant names, in a file that says Binance
    "negative/other_services/SettingsSeed.cs",
    "negative/look_alikes/getters.py",
]

# Negatives that may hold nothing 64-character-shaped (all others must reach the classifier).
NEGATIVES_WITHOUT_CANDIDATES = {
    "negative/placeholders/bot_env.py",
    "negative/lockfile/package-lock.json",
}

# Placeholders whose values are Binance's public documentation examples.
DOC_EXAMPLES = {"DOC_KEY", "DOC_SECRET"}


# ---------------------------------------------------------------------------------------------
# Values, generated per test session.
# ---------------------------------------------------------------------------------------------


def _pem(private_key) -> str:
    return (
        private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
        .strip()
    )


def _documentation_examples() -> tuple[str, str]:
    """Binance's public doc example key/secret, read from the sample fixture (not copied)."""
    text = SAMPLE.read_text()
    key = re.search(r'^BINANCE_API_KEY = "([A-Za-z0-9]{64})"', text, re.M).group(1)
    secret = re.search(r'^BINANCE_API_SECRET = "([A-Za-z0-9]{64})"', text, re.M).group(1)
    assert is_documentation_example(key) and is_documentation_example(secret)
    return key, secret


def _low_entropy() -> str:
    """64 characters of upper, lower and digits drawn from six symbols: about 2.6 bits each."""
    while True:
        value = "".join(secrets.choice("aQ3bR7") for _ in range(64))
        if len(set(value)) == 6:
            return value


def _repeated_unit() -> str:
    """Eight characters with upper, lower and digits; repeated, they make a 64-char value."""
    while True:
        unit = random_key()[:8]
        if all(any(test(c) for c in unit) for test in (str.isupper, str.islower, str.isdigit)):
            return unit


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _hummingbot_encrypted() -> str:
    """What hummingbot writes for a secret config value: the hex of an eth-keyfile JSON."""
    keyfile = {
        "crypto": {
            "cipher": "aes-128-ctr",
            "cipherparams": {"iv": os.urandom(16).hex()},
            "ciphertext": os.urandom(64).hex(),
            "kdf": "pbkdf2",
            "kdfparams": {
                "c": 1000000,
                "dklen": 32,
                "prf": "hmac-sha256",
                "salt": os.urandom(16).hex(),
            },
            "mac": os.urandom(32).hex(),
        },
        "version": 3,
        "alias": "",
    }
    return json.dumps(keyfile).encode().hex()


def make_values() -> dict[str, str]:
    doc_key, doc_secret = _documentation_examples()
    query = (
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
        "&recvWindow=5000&timestamp=1499827319559"
    )
    ed25519_pem = _pem(ed25519.Ed25519PrivateKey.generate())
    rsa_pem = _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    alnum = string.ascii_uppercase + string.ascii_lowercase + string.digits
    key1, secret1, token1 = random_key(), random_key(), random_key()
    return {
        "KEY1": key1,
        "SECRET1": secret1,
        "KEY1_B64": base64.b64encode(key1.encode()).decode(),
        "SECRET1_B64": base64.b64encode(secret1.encode()).decode(),
        "TOKEN1_B64": base64.b64encode(token1.encode()).decode(),
        "RANDOM_B64_88": base64.b64encode(os.urandom(64)).decode(),
        "KEY2": random_key(),
        "SECRET2": random_key(),
        **{f"KEY{n}": random_key() for n in range(3, 12)},
        **{f"SECRET{n}": random_key() for n in range(3, 12)},
        "TOKEN1": token1,
        "TOKEN2": random_key(),
        "LISTEN_KEY": random_key(),
        "ED25519_PEM": ed25519_pem,
        "ED25519_PEM_ESCAPED": ed25519_pem.replace("\n", "\\n"),
        "RSA_PEM": rsa_pem,
        "RSA_PEM_ESCAPED": rsa_pem.replace("\n", "\\n"),
        "DOC_KEY": doc_key,
        "DOC_SECRET": doc_secret,
        "DOC_SIGNATURE": hmac.new(doc_secret.encode(), query.encode(), "sha256").hexdigest(),
        "HEX64": hashlib.sha256(os.urandom(32)).hexdigest(),
        "HEX64_2": hashlib.sha256(os.urandom(32)).hexdigest(),
        "HEX64_3": hashlib.sha256(os.urandom(32)).hexdigest(),
        "HEX64_4": hashlib.sha256(os.urandom(32)).hexdigest(),
        "HEX64_5": hashlib.sha256(os.urandom(32)).hexdigest(),
        "GIT_SHA": hashlib.sha1(os.urandom(32)).hexdigest(),
        "UUID": str(uuid.uuid4()),
        "BASE64": base64.b64encode(os.urandom(300)).decode(),
        "SHA512_B64": base64.b64encode(hashlib.sha512(os.urandom(64)).digest()).decode(),
        "JWT": ".".join(
            (
                _b64url(b'{"alg":"HS256","typ":"JWT"}'),
                _b64url(json.dumps({"sub": str(uuid.uuid4()), "iat": 1700000000}).encode()),
                _b64url(os.urandom(32)),
            )
        ),
        "URLSAFE_TOKEN": secrets.token_urlsafe(25),
        "HUMMINGBOT_ENCRYPTED_KEY": _hummingbot_encrypted(),
        "HUMMINGBOT_ENCRYPTED_SECRET": _hummingbot_encrypted(),
        "SEQUENTIAL": (alnum + alnum)[:64],
        "REPEATED": _repeated_unit() * 8,
        "LOW_ENTROPY": _low_entropy(),
    }


PLACEHOLDER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")


def render(template: str, values: dict[str, str]) -> str:
    """Fill placeholders; a multi-line value's later lines get the indentation of its line."""
    out = []
    for line in template.splitlines(keepends=True):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        out.append(
            PLACEHOLDER.sub(
                lambda match, indent=indent: values[match.group(1)].replace("\n", "\n" + indent),
                line,
            )
        )
    return "".join(out)


@pytest.fixture(scope="session")
def values() -> dict[str, str]:
    return make_values()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, values) -> Path:
    """The rendered corpus in a directory whose path says nothing about the exchange."""
    root = tmp_path_factory.mktemp("corpus")
    for template in CORPUS.rglob("*.tmpl"):
        relative = template.relative_to(CORPUS).with_suffix("")
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(template.read_text(), values))
    return root


def placeholder_of(values: dict[str, str]) -> dict[str, str]:
    """fingerprint -> placeholder name, for the values a finding can carry."""
    names = {}
    for name, value in values.items():
        if not name.endswith("_PEM_ESCAPED"):
            names.setdefault(fingerprint(value), name)
    return names


def described(findings, values: dict[str, str]) -> set[tuple]:
    """Findings as (path, line, type, value placeholder, partner placeholder or None)."""
    names = placeholder_of(values)
    return {
        (
            f["path"],
            f["line"],
            f["type"],
            names.get(f["fingerprint"], "<unknown value>"),
            None if f["pair"] is None else names.get(f["pair"], "<unknown pair>"),
        )
        for f in findings
    }


def expected_for(path: str) -> set[tuple]:
    return {(path, *row) for row in POSITIVES.get(path, set())}


# ---------------------------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------------------------


def test_every_template_has_an_expectation_and_is_well_formed(values) -> None:
    templates = {
        str(t.relative_to(CORPUS).with_suffix("")).replace(os.sep, "/")
        for t in CORPUS.rglob("*.tmpl")
    }
    assert templates == set(POSITIVES) | set(NEGATIVES)
    assert not set(POSITIVES) & set(NEGATIVES)
    for template in CORPUS.rglob("*.tmpl"):
        text = template.read_text()
        # Templates hold no key-shaped value themselves.
        assert not re.search(r"[A-Za-z0-9]{40}", text.replace("x" * 64, "")), template
        assert not re.search(r"-----BEGIN", text), template
        for name in PLACEHOLDER.findall(text):
            assert name in values, f"{template}: unknown placeholder {name}"
        rendered = render(text, values)
        if template.name.endswith((".json.tmpl", ".ipynb.tmpl")):
            json.loads(rendered)
        path = str(template.relative_to(CORPUS).with_suffix("")).replace(os.sep, "/")
        if path not in NEGATIVES_WITHOUT_CANDIDATES:
            assert might_contain_secret(rendered), path


@pytest.mark.parametrize("path", [*POSITIVES, *NEGATIVES])
def test_exact_findings_per_file(path: str, corpus: Path, values) -> None:
    text = (corpus / path).read_text()
    findings = scan_text(path, text)
    assert described([f.to_json() for f in findings], values) == expected_for(path)
    for f in findings:
        assert f.example == (placeholder_of(values)[f.fingerprint] in DOC_EXAMPLES)


def test_private_key_value_is_the_whole_pem(corpus: Path, values) -> None:
    for path, name in [
        ("positive/pem/ed25519_bot.py", "ED25519_PEM"),
        ("positive/pem/rsa_account.yaml", "RSA_PEM"),
        ("positive/pem/.env", "ED25519_PEM"),
    ]:
        found = [f for f in scan_text(path, (corpus / path).read_text()) if f.type == PRIVATE]
        assert [f.value for f in found] == [values[name]], path


def test_cli_json_report_over_the_whole_corpus(corpus: Path, values) -> None:
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(corpus)
    try:
        # Each negative folder is its own project: the positives' Binance code beside them
        # would otherwise be their project context (README: "Project context").
        roots = ["positive", *sorted(str(p.relative_to(corpus)) for p in corpus.glob("negative/*"))]
        result = runner.invoke(
            cli, ["scan", "--all-files", "--format", "json", *roots], catch_exceptions=False
        )
    finally:
        os.chdir(old)
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["skipped"] == []
    expected = set().union(*(expected_for(path) for path in POSITIVES))
    assert described(report["findings"], values) == expected
    names = placeholder_of(values)
    for finding in report["findings"]:
        assert finding["example"] == (names[finding["fingerprint"]] in DOC_EXAMPLES)
    # No report contains a full value.
    for name, value in values.items():
        if name.startswith(("KEY", "SECRET", "TOKEN", "DOC_KEY", "DOC_SECRET")):
            assert value not in result.stdout


def _plain_detect_secrets(corpus: Path, path: str, *extra: str) -> list[dict]:
    """Run real detect-secrets (``scan --plugin``, README) on one corpus file; its results."""
    plugin = CliRunner().invoke(cli, ["plugin-path"]).stdout.strip()
    command = [sys.executable, "-m", "detect_secrets", "scan", "--no-verify", "--plugin", plugin]
    result = subprocess.run(
        [*command, *extra, path],
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    report = json.loads(result.stdout)
    used = {p.get("path") for p in report["plugins_used"]}
    assert Path(plugin).as_uri() in used, used
    return report["results"].get(path, [])


def _ours(results: list[dict]) -> dict[int, set[str]]:
    """{line: {Binance types}} of detect-secrets results."""
    lines: dict[int, set[str]] = {}
    for secret in results:
        if secret["type"].startswith("Binance "):
            lines.setdefault(secret["line_number"], set()).add(secret["type"])
    return lines


def test_plain_detect_secrets_with_the_plugin_file(corpus: Path, values) -> None:
    results = _plain_detect_secrets(corpus, "positive/dotenv/.env")
    assert _ours(results) == {2: {API}, 3: {SECRET}}
    sha1 = {s["line_number"]: s["hashed_secret"] for s in results if s["type"] in (API, SECRET)}
    assert sha1 == {
        2: hashlib.sha1(values["KEY1"].encode()).hexdigest(),
        3: hashlib.sha1(values["SECRET1"].encode()).hexdigest(),
    }

    # Its is_indirect_reference filter hides `client = Client("K", "S")` (README caveat) ...
    assert _ours(_plain_detect_secrets(corpus, "positive/python/client_positional.py")) == {
        7: {API},
        8: {SECRET},
        13: {API},
    }
    # ... unless it is disabled.
    disabled = "detect_secrets.filters.heuristic.is_indirect_reference"
    assert _ours(
        _plain_detect_secrets(
            corpus, "positive/python/client_positional.py", "--disable-filter", disabled
        )
    ) == {3: {API, SECRET}, 7: {API}, 8: {SECRET}, 13: {API}, 14: {SECRET}}

    # A PEM in Binance context is ours; without it, it is left to its PrivateKeyDetector.
    assert _ours(_plain_detect_secrets(corpus, "positive/pem/ed25519_bot.py")) == {
        4: {API},
        5: {PRIVATE},
    }
    results = _plain_detect_secrets(corpus, "negative/context_free/signer.py")
    assert _ours(results) == {}
    assert {(s["line_number"], s["type"]) for s in results} >= {(6, "Private Key")}


def test_plain_detect_secrets_skips_a_pem_header_without_a_key_body(tmp_path: Path) -> None:
    """The plugin's find() keeps the engine's rule: a header alone (a parser's constant, a
    docs string) is not a Binance private key, in plain detect-secrets too."""
    (tmp_path / "signer.py").write_text(
        "from binance.client import Client\n"
        'HEADER = "-----BEGIN PRIVATE KEY-----"\n'
        'FOOTER = "-----END PRIVATE KEY-----"\n'
    )
    assert _ours(_plain_detect_secrets(tmp_path, "signer.py")) == {}
