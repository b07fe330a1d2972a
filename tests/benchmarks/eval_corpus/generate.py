"""Generate the styles evaluation corpus: realistic projects with random fake keys.

python3 generate.py OUT_DIR  -> OUT_DIR/<project>/... and OUT_DIR/truth.json
{{A:n}} API key n, {{S:n}} secret n, {{P:n}} PEM private key n, {{N}} a decoy (key-shaped,
must NOT be reported). Truth lines are computed after substitution.
"""
import hashlib
import json
import re
import secrets
import string
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

AL = string.ascii_letters + string.digits
def rk():
    while True:
        v = "".join(secrets.choice(AL) for _ in range(64))
        if any(c.isupper() for c in v) and any(c.islower() for c in v) and any(
            c.isdigit() for c in v
        ):
            return v
def pem(kind):
    k = ed25519.Ed25519PrivateKey.generate() if kind == "ed" else rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode().strip()

F = {}
# ---------------- P1 python-binance spot bot
F["py-spot-bot/bot.py"] = '''import os
import logging
from binance import Client, ThreadedWebsocketManager

API_KEY = os.getenv("BINANCE_API_KEY", "{{A:1}}")
API_SECRET = os.getenv("BINANCE_API_SECRET", "{{S:1}}")

log = logging.getLogger(__name__)


def main():
    client = Client(API_KEY, API_SECRET)
    twm = ThreadedWebsocketManager(api_key=API_KEY, api_secret=API_SECRET)
    twm.start()
    log.info("balance %s", client.get_asset_balance(asset="USDT"))


if __name__ == "__main__":
    main()
'''
F["py-spot-bot/.env"] = '''# local settings, do not commit
BINANCE_KEY={{A:2}}
BINANCE_SECRET={{S:2}}
ETHERSCAN_API_KEY={{N}}
CMC_API_KEY={{N}}
LOG_LEVEL=INFO
'''
F["py-spot-bot/settings.py"] = '''from dataclasses import dataclass


@dataclass
class Settings:
    api_key: str = "{{A:3}}"
    api_secret: str = "{{S:3}}"
    symbol: str = "BTCUSDT"
    quantity: float = 0.001
'''
F["py-spot-bot/tests/test_orders.py"] = '''import pytest

client_order_id = "{{N}}"
order_hash = "{{N}}"
listen_key = "{{N}}"
mock_signature = "{{N}}"


def test_order_roundtrip():
    assert len(client_order_id) == 64
'''
F["py-spot-bot/notebooks/explore.ipynb"] = json.dumps({
    "cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
               "source": ["from binance.client import Client\n",
                          "client = Client(\"{{A:4}}\", \"{{S:4}}\")\n",
                          "client.get_account()"]}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"
F["py-spot-bot/secrets.toml"] = '''[binance]
key = "{{A:5}}"
secret = "{{S:5}}"
testnet = false
'''
F["py-spot-bot/models.py"] = '''from pydantic import BaseSettings, SecretStr


class ExchangeSettings(BaseSettings):
    binance_api_key: SecretStr = SecretStr("{{A:6}}")
    binance_api_secret: SecretStr = SecretStr("{{S:6}}")
'''
F["py-spot-bot/webapp/settings.py"] = '''import os

BASE_DIR = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = "{{N}}"
DEBUG = False
ALLOWED_HOSTS = ["*"]
'''
# ---------------- P2 ccxt multi-exchange arbitrage
F["ccxt-arb/config.json"] = '''{
  "exchanges": {
    "binance": {
      "apiKey": "{{A:7}}",
      "secret": "{{S:7}}",
      "options": {"defaultType": "spot"}
    },
    "kraken": {
      "apiKey": "{{N}}",
      "secret": "{{N}}"
    },
    "okx": {
      "apiKey": "{{N}}",
      "secret": "{{N}}",
      "password": "hunter2"
    }
  },
  "min_spread": 0.004
}
'''
F["ccxt-arb/arb.py"] = '''import ccxt

kucoin = ccxt.kucoin({'apiKey': '{{N}}', 'secret': '{{N}}', 'password': 'p'})
binance = ccxt.binance({'apiKey': '{{A:8}}', 'secret': '{{S:8}}'})

for symbol in ("BTC/USDT", "ETH/USDT"):
    a = binance.fetch_ticker(symbol)
    b = kucoin.fetch_ticker(symbol)
    print(symbol, a["bid"], b["ask"])
'''
F["ccxt-arb/.env"] = '''BINANCE_API_KEY={{A:52}}
BINANCE_API_SECRET={{S:52}}
BYBIT_API_KEY={{N}}
BYBIT_API_SECRET={{N}}
GATEIO_KEY={{N}}
'''
# ---------------- P3 freqtrade user dir
F["freqtrade-user/user_data/config.json"] = '''{
    "max_open_trades": 3,
    "stake_currency": "USDT",
    "dry_run": false,
    "exchange": {
        "name": "binance",
        "key": "{{A:9}}",
        "secret": "{{S:9}}",
        "ccxt_config": {},
        "pair_whitelist": ["BTC/USDT", "ETH/USDT"]
    },
    "telegram": {"enabled": false, "token": "", "chat_id": ""},
    "api_server": {
        "enabled": true,
        "jwt_secret_key": "{{N}}",
        "ws_token": "{{N}}",
        "username": "freqtrader",
        "password": "change-me"
    }
}
'''
F["freqtrade-user/docker-compose.yml"] = '''services:
  freqtrade:
    image: freqtradeorg/freqtrade:stable
    restart: unless-stopped
    volumes:
      - "./user_data:/freqtrade/user_data"
    environment:
      - FREQTRADE__EXCHANGE__KEY={{A:10}}
      - FREQTRADE__EXCHANGE__SECRET={{S:10}}
    command: trade --config /freqtrade/user_data/config.json
'''
# ---------------- P4 node bot
F["node-bot/package.json"] = '''{
  "name": "grid-bot",
  "version": "1.2.0",
  "dependencies": {
    "binance-api-node": "^0.12.7",
    "node-binance-api": "^0.13.1",
    "dotenv": "^16.0.0"
  }
}
'''
F["node-bot/index.js"] = '''const Binance = require('node-binance-api');
const binance = new Binance().options({
  APIKEY: '{{A:11}}',
  APISECRET: '{{S:11}}'
});

binance.balance((error, balances) => console.log(balances.USDT));
'''
F["node-bot/src/client.ts"] = '''import Binance from 'binance-api-node';

export const client = Binance({
  apiKey: '{{A:12}}',
  apiSecret: '{{S:12}}',
  getTime: () => Date.now(),
});
'''
F["node-bot/src/config.ts"] = '''export const config = {
  apiKey: process.env.BINANCE_API_KEY ?? '{{A:13}}',
  apiSecret: process.env.BINANCE_API_SECRET || '{{S:13}}',
  symbol: 'BTCUSDT',
};
'''
F["node-bot/.env.local"] = '''VITE_BINANCE_API_KEY={{A:14}}
VITE_BINANCE_SECRET_KEY={{S:14}}
'''
F["node-bot/ecosystem.config.js"] = '''module.exports = {
  apps: [{
    name: 'grid',
    script: './index.js',
    env_production: {
      NODE_ENV: 'production',
      BINANCE_APIKEY: "{{A:15}}",
      BINANCE_APISECRET: "{{S:15}}",
    },
  }],
};
'''
F["node-bot/test/fixtures.js"] = '''module.exports = {
  txHash: '{{N}}',
  orderId: '{{N}}',
  requestSignature: '{{N}}',
};
'''
# ---------------- P5 go
F["go-trader/go.mod"] = '''module github.com/acme/go-trader

go 1.21

require github.com/adshao/go-binance/v2 v2.4.5
'''
F["go-trader/main.go"] = '''package main

import (
	"context"
	"fmt"

	"github.com/adshao/go-binance/v2/futures"
)

var (
	apiKey    = "{{A:16}}"
	secretKey = "{{S:16}}"
)

func main() {
	client := futures.NewClient(apiKey, secretKey)
	res, err := client.NewGetAccountService().Do(context.Background())
	fmt.Println(res, err)
}
'''
F["go-trader/config/config.go"] = '''package config

type Config struct {
	APIKey    string
	SecretKey string
	Symbol    string
}

var Default = Config{
	APIKey:    "{{A:17}}",
	SecretKey: "{{S:17}}",
	Symbol:    "BTCUSDT",
}
'''
F["go-trader/config.yaml"] = '''binance:
  api_key: {{A:18}}
  secret_key: {{S:18}}
  base_url: https://fapi.binance.com
'''
F["go-trader/internal/hash_test.go"] = '''package internal

import "testing"

func TestHash(t *testing.T) {
	expected := "{{N}}"
	if len(expected) != 64 {
		t.Fatal("bad")
	}
}
'''
# ---------------- P6 java
F["java-bot/pom.xml"] = '''<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>java-bot</artifactId>
  <dependencies>
    <dependency>
      <groupId>io.github.binance</groupId>
      <artifactId>binance-connector-java</artifactId>
      <version>3.2.0</version>
    </dependency>
  </dependencies>
</project>
'''
F["java-bot/src/main/resources/application.yml"] = '''server:
  port: 8080
binance:
  api-key: {{A:19}}
  secret-key: {{S:19}}
'''
F["java-bot/src/main/resources/application.properties"] = '''spring.application.name=java-bot
binance.api.key={{A:20}}
binance.api.secret={{S:20}}
'''
F["java-bot/src/main/java/com/acme/TradingApp.java"] = '''package com.acme;

import com.binance.connector.client.SpotClient;
import com.binance.connector.client.impl.SpotClientImpl;

public class TradingApp {
    public static void main(String[] args) {
        SpotClient client = new SpotClientImpl("{{A:21}}", "{{S:21}}");
        System.out.println(client.createTrade().account(new java.util.LinkedHashMap<>()));
    }
}
'''
F["java-bot/src/main/java/com/acme/Keys.java"] = '''package com.acme;

public final class Keys {
    public static final String API_KEY = "{{A:22}}";
    public static final String SECRET_KEY = "{{S:22}}";

    private Keys() {}
}
'''
F["java-bot/src/main/kotlin/Bot.kt"] = '''package com.acme

import com.binance.connector.client.impl.SpotClientImpl

private val binanceClient = SpotClientImpl(
    "{{A:23}}",
    "{{S:23}}"
)
'''
# ---------------- P7 dotnet
F["dotnet-bot/appsettings.json"] = '''{
  "Logging": {"LogLevel": {"Default": "Information"}},
  "Binance": {
    "ApiKey": "{{A:24}}",
    "ApiSecret": "{{S:24}}"
  }
}
'''
F["dotnet-bot/Program.cs"] = '''using Binance.Net;
using Binance.Net.Clients;
using CryptoExchange.Net.Authentication;

var client = new BinanceRestClient(options =>
{
    options.ApiCredentials = new ApiCredentials("{{A:25}}", "{{S:25}}");
});
var account = await client.SpotApi.Account.GetAccountInfoAsync();
'''
F["dotnet-bot/secrets.json"] = '''{
  "Binance:ApiKey": "{{A:26}}",
  "Binance:ApiSecret": "{{S:26}}"
}
'''
F["dotnet-bot/DotnetBot.csproj"] = '''<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Binance.Net" Version="9.0.0" />
  </ItemGroup>
</Project>
'''
# ---------------- P8 php
F["php-bot/composer.json"] = '''{
  "require": {"jaggedsoft/php-binance-api": "^0.5.0"}
}
'''
F["php-bot/config/services.php"] = '''<?php

return [
    'binance' => [
        'key' => env('BINANCE_KEY', '{{A:27}}'),
        'secret' => env('BINANCE_SECRET', '{{S:27}}'),
    ],
];
'''
F["php-bot/bot.php"] = '''<?php
require 'vendor/autoload.php';
$api = new Binance\\API('{{A:28}}','{{S:28}}');
print_r($api->balances());
'''
F["php-bot/.env"] = '''APP_NAME=Trader
APP_ENV=production
BINANCE_API_KEY={{A:29}}
BINANCE_API_SECRET={{S:29}}
'''
# ---------------- P9 ruby
F["ruby-bot/Gemfile"] = '''source 'https://rubygems.org'
gem 'binance-connector'
'''
F["ruby-bot/bot.rb"] = '''require 'binance'

client = Binance::Spot.new(key: ENV.fetch('BINANCE_KEY', '{{A:30}}'), secret: ENV.fetch('BINANCE_SECRET', '{{S:30}}'))
puts client.account
'''
F["ruby-bot/config/credentials.yml"] = '''binance:
  api_key: "{{A:31}}"
  secret_key: "{{S:31}}"
'''
# ---------------- P10 rust
F["rust-bot/Cargo.toml"] = '''[package]
name = "rust-bot"
version = "0.1.0"

[dependencies]
binance = "0.20"
tokio = { version = "1", features = ["full"] }
'''
F["rust-bot/src/main.rs"] = '''use binance::api::*;
use binance::account::*;
use binance::market::*;

fn main() {
    let market: Market = Binance::new(None, None);
    let account: Account = Binance::new(Some("{{A:32}}".to_string()), Some("{{S:32}}".to_string()));
    println!("{:?}", account.get_account());
    println!("{:?}", market.get_price("BTCUSDT"));
}
'''
F["rust-bot/config.toml"] = '''[exchange]
name = "binance"
api_key = "{{A:33}}"
secret_key = "{{S:33}}"
'''
# ---------------- P11 infra of a binance bot
F["infra/terraform/main.tf"] = '''resource "aws_secretsmanager_secret" "binance" {
  name = "prod/binance"
}

resource "aws_secretsmanager_secret_version" "binance" {
  secret_id     = aws_secretsmanager_secret.binance.id
  secret_string = jsonencode({ api_key = "{{A:34}}", api_secret = "{{S:34}}" })
}
'''
F["infra/terraform/terraform.tfvars"] = '''region             = "eu-west-1"
binance_api_key    = "{{A:35}}"
binance_api_secret = "{{S:35}}"
'''
F["infra/k8s/secret.yaml"] = '''apiVersion: v1
kind: Secret
metadata:
  name: binance-credentials
type: Opaque
stringData:
  BINANCE_API_KEY: {{A:36}}
  BINANCE_API_SECRET: {{S:36}}
'''
F["infra/helm/values-prod.yaml"] = '''bot:
  image: ghcr.io/acme/bot:1.4.0
  env:
    - name: BINANCE_API_KEY
      value: "{{A:37}}"
    - name: BINANCE_API_SECRET
      value: "{{S:37}}"
'''
F["infra/ansible/group_vars/bots.yml"] = '''bot_user: trader
binance_key: "{{A:38}}"
binance_secret: "{{S:38}}"
'''
F["infra/scripts/bootstrap.sh"] = '''#!/bin/sh
set -e
gh secret set BINANCE_API_SECRET --repo acme/bot --body "{{S:39}}"
aws secretsmanager create-secret --name prod/binance/api-key --secret-string "{{A:40}}"
'''
F["infra/.github/workflows/deploy.yml"] = '''name: deploy
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: echo "BINANCE_API_KEY={{A:41}}" >> $GITHUB_ENV
      - run: ./deploy.sh
'''
F["infra/Dockerfile"] = '''FROM python:3.12-slim
WORKDIR /app
COPY . .
ENV BINANCE_API_KEY={{A:42}} \\
    BINANCE_API_SECRET={{S:42}}
CMD ["python", "bot.py"]
'''
F["infra/Makefile"] = '''export BINANCE_API_KEY ?= {{A:43}}

run:
\tpython bot.py
'''
F["infra/systemd/bot.service"] = '''[Service]
Environment="BINANCE_KEY={{A:44}}" "BINANCE_SECRET={{S:44}}"
ExecStart=/opt/bot/venv/bin/python /opt/bot/bot.py
'''
F["infra/windows/start.ps1"] = '''$Env:BINANCE_API_KEY='{{A:45}}'
python C:\\bot\\bot.py
'''
# ---------------- P12 notes
F["notes/keys.md"] = '''# Accounts

## Binance
- API Key: `{{A:46}}`
- Secret Key: `{{S:46}}`
- Restrictions: spot only, IP whitelisted
'''
F["notes/binance-api.txt"] = '''Api Key:{{A:47}}
Secret Key:{{S:47}}
'''
F["notes/debug.log"] = '''DEBUG:binance.api:Request headers: {'X-MBX-APIKEY': '{{A:48}}', 'Content-Type': 'application/json'}
DEBUG:urllib3.connectionpool:https://api.binance.com:443 "GET /api/v3/account HTTP/1.1" 200 None
DEBUG:binance.ws:connecting wss://stream.binance.com:9443/ws/{{N}}
'''
# ---------------- P13 unrelated project
F["other-project/.env"] = '''API_KEY={{N}}
API_SECRET={{N}}
STRIPE_SECRET_KEY={{N}}
'''
F["other-project/config.yaml"] = '''payments:
  stripe_secret_key: {{N}}
  api_key: {{N}}
'''
# ---------------- P14 hummingbot conf
F["hummingbot-conf/conf/connectors/binance.yml"] = '''connector: binance
binance_api_key: {{A:49}}
binance_api_secret: {{S:49}}
'''
F["hummingbot-conf/conf/connectors/kucoin.yml"] = '''connector: kucoin
kucoin_api_key: {{N}}
kucoin_secret_key: {{N}}
kucoin_passphrase: hunter2
'''
# ---------------- P15 ed25519 bot
F["ed25519-bot/config.yaml"] = '''exchange: binance
api_key: {{A:50}}
private_key_path: keys/private_key.pem
'''
F["ed25519-bot/keys/private_key.pem"] = '''{{P:1}}
'''
F["ed25519-bot/sign.py"] = '''from binance.spot import Spot

API_KEY = "{{A:51}}"
PRIVATE_KEY = """{{P:2}}"""
client = Spot(api_key=API_KEY, private_key=PRIVATE_KEY)
'''
F["ed25519-bot/.env"] = '''BINANCE_API_KEY={{A:53}}
BINANCE_PRIVATE_KEY="{{PE:3}}"
'''

def main(out):
    out = Path(out)
    vals = {}
    truth = []
    for rel, text in F.items():
        def sub(m):
            kind, _, n = m.group(1).partition(":")
            if kind == "N":
                return rk()
            key = (kind, n)
            if key not in vals:
                if kind in ("A", "S"):
                    vals[key] = rk()
                elif kind == "P":
                    vals[key] = pem("ed" if n != "2" else "rsa")
                elif kind == "PE":
                    vals[key] = pem("ed")
            v = vals[key]
            return v.replace("\n", "\\n") if kind == "PE" else v
        # substitute line by line to know lines; PEM expands lines
        rendered = []
        for line in text.split("\n"):
            for m in re.finditer(r"\{\{([A-Z]+(?::\d+)?)\}\}", line):
                kind, _, n = m.group(1).partition(":")
                if kind in ("A", "S", "P", "PE"):
                    base = len(rendered) + 1
                    typ = {
                        "A": "Binance API Key",
                        "S": "Binance Secret Key",
                        "P": "Binance Private Key",
                        "PE": "Binance Private Key",
                    }[kind]
                    truth.append({"path": rel, "line": base, "type": typ, "id": f"{kind}:{n}"})
            new = re.sub(r"\{\{([A-Z]+(?::\d+)?)\}\}", sub, line)
            rendered.extend(new.split("\n"))
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("\n".join(rendered))
    for t in truth:
        kind, _, n = t.pop("id").partition(":")
        v = vals[(kind, n)]
        t["fingerprint"] = "sha256:" + hashlib.sha256(v.encode()).hexdigest()
    projects = sorted({rel.split("/")[0] for rel in F})
    (out / "truth.json").write_text(json.dumps({"projects": projects, "expected": truth}, indent=1))
    print(f"{len(F)} files, {len(projects)} projects, {len(truth)} planted credentials")

BATCHES = ("batch2", "batch3", "batch4")

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    chosen = sys.argv[2] if len(sys.argv) > 2 else None
    if chosen in BATCHES:
        F.clear()
        F.update(__import__(chosen).F)
    elif chosen == "all":
        F.update(__import__("batch2").F)
    main(sys.argv[1])
