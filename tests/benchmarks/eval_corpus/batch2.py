"""Second batch, written before measuring: styles not tuned for."""
import json

F = {}
F["swift-app/Sources/Bot/Config.swift"] = '''// Binance spot credentials
import Foundation

struct BinanceConfig {
    static let apiKey = "{{A:101}}"
    static let secretKey = "{{S:101}}"
}
'''
F["flutter-app/lib/binance_keys.dart"] = '''// Keys for the Binance REST API
const String binanceApiKey = '{{A:102}}';
const String binanceSecretKey = '{{S:102}}';
'''
F["elixir-bot/config/config.exs"] = '''import Config

config :bot, Binance,
  api_key: "{{A:103}}",
  secret_key: "{{S:103}}"
'''
F["scala-bot/src/main/scala/Keys.scala"] = '''package bot
// binance
object Keys {
  val apiKey = "{{A:104}}"
  val apiSecret = "{{S:104}}"
}
'''
F["lua-bot/config.lua"] = '''-- binance bot
local API_KEY = "{{A:105}}"
local API_SECRET = "{{S:105}}"
return { key = API_KEY, secret = API_SECRET }
'''
F["r-analysis/fetch.R"] = '''library(binancer)
api_key <- "{{A:106}}"
api_secret <- "{{S:106}}"
binance_credentials(api_key, api_secret)
order_hash <- "{{N}}"
'''
F["cpp-bot/src/config.h"] = '''#pragma once
// Binance credentials
#define BINANCE_API_KEY "{{A:107}}"
static const char *binance_secret_key = "{{S:107}}";
const std::string api_key = "{{A:108}}";
'''
F["py-kwargs/bot.py"] = '''from binance.client import Client

client = Client(
    api_key="{{A:109}}",
    api_secret="{{S:109}}",
    testnet=False,
)
CONFIG = {"binance": {"api_key": "{{A:110}}", "api_secret": "{{S:110}}"}}
BINANCE = dict(key="{{A:111}}", secret="{{S:111}}")
'''
F["py-kwargs/.env"] = '''BINANCE_API_KEY={{A:112}}
BINANCE_API_SECRET={{S:112}}
ENCRYPTION_KEY={{N}}
SESSION_SECRET={{N}}
WEBHOOK_SECRET={{N}}
TELEGRAM_TOKEN=123456:abcdef
'''
F["go-env/main.go"] = '''package main

import (
	"os"

	binance "github.com/adshao/go-binance/v2"
)

func init() {
	os.Setenv("BINANCE_API_KEY", "{{A:113}}")
	os.Setenv("BINANCE_SECRET_KEY", "{{S:113}}")
}

func main() { _ = binance.NewClient(os.Getenv("BINANCE_API_KEY"), os.Getenv("BINANCE_SECRET_KEY")) }
'''
F["rust-env/src/main.rs"] = '''fn main() {
    // binance
    std::env::set_var("BINANCE_API_KEY", "{{A:114}}");
    std::env::set_var("BINANCE_API_SECRET", "{{S:114}}");
}
'''
F["spring-bot/src/main/resources/beans.xml"] = '''<beans>
  <bean id="binanceClient" class="com.binance.connector.client.impl.SpotClientImpl">
    <property name="apiKey" value="{{A:115}}"/>
    <property name="secretKey" value="{{S:115}}"/>
  </bean>
</beans>
'''
F["spring-bot/src/main/resources/application.yaml"] = '''binance:
  api-key: ${BINANCE_API_KEY:{{A:116}}}
  secret-key: ${BINANCE_SECRET_KEY:{{S:116}}}
'''
F["compose-bot/docker-compose.yml"] = '''services:
  bot:
    image: acme/binance-bot
    environment:
      BINANCE_API_KEY: ${BINANCE_API_KEY:-{{A:117}}}
      BINANCE_API_SECRET: "{{S:117}}"
'''
F["compose-bot/.envrc"] = '''export BINANCE_API_KEY="{{A:118}}"
export BINANCE_API_SECRET="{{S:118}}"
'''
F["compose-bot/setup.fish"] = '''set -x BINANCE_API_KEY {{A:119}}
set -x BINANCE_API_SECRET {{S:119}}
'''
F["web-bot/src/store.js"] = '''// binance dashboard
localStorage.setItem('binanceApiKey', '{{A:120}}');
localStorage.setItem('binanceApiSecret', '{{S:120}}');
'''
F["web-bot/logs/app.jsonl"] = '''{"level":"debug","time":1714557601,"msg":"binance auth","apiKey":"{{A:121}}"}
{"level":"info","time":1714557602,"msg":"order placed","orderId":"{{N}}","clientOrderId":"{{N}}"}
'''
F["web-bot/capture.har"] = json.dumps({"log": {"entries": [{"request": {
    "method": "GET", "url": "https://api.binance.com/api/v3/account",
    "headers": [{"name": "X-MBX-APIKEY", "value": "{{A:122}}"},
                {"name": "X-Request-Id", "value": "{{N}}"}]}}]}}, indent=2) + "\n"
F["java-props/src/Main.java"] = '''// binance
public class Main {
    public static void main(String[] a) {
        System.setProperty("binance.api.key", "{{A:123}}");
        System.setProperty("binance.api.secret", "{{S:123}}");
    }
}
'''
F["kotlin-const/Keys.kt"] = '''// Binance
const val BINANCE_KEY = "{{A:124}}"
const val BINANCE_SECRET = "{{S:124}}"
'''
F["php-define/config.php"] = '''<?php
define('BINANCE_API_KEY', '{{A:125}}');
define('BINANCE_SECRET', '{{S:125}}');
'''
F["ci-more/.circleci/config.yml"] = '''version: 2.1
jobs:
  trade:
    docker:
      - image: cimg/python:3.12
        environment:
          BINANCE_API_KEY: {{A:126}}
          BINANCE_API_SECRET: {{S:126}}
'''
F["ci-more/bitbucket-pipelines.yml"] = '''pipelines:
  default:
    - step:
        script:
          - export BINANCE_API_KEY={{A:127}}
          - python bot.py
'''
F["ci-more/.github/workflows/action.yml"] = '''jobs:
  bot:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/binance-trade-action@v1
        with:
          api-key: {{A:128}}
          api-secret: {{S:128}}
'''
F["readme-bot/README.md"] = '''# My Binance bot

Set your keys:

```sh
export BINANCE_API_KEY={{A:129}}
export BINANCE_API_SECRET={{S:129}}
```

| Setting | Value |
|---|---|
| API key | `{{A:130}}` |
| Secret key | `{{S:130}}` |
'''
F["ini-bot/settings.ini"] = '''[binance]
api_key={{A:131}}
api_secret={{S:131}}

[database]
password=hunter2
'''
F["csv-export/keys.csv"] = '''exchange,label,api_key,secret_key
binance,main,{{A:132}},{{S:132}}
'''
F["csv-export/orders.csv"] = '''symbol,side,order_id,client_order_id
BTCUSDT,BUY,123,{{N}}
'''
