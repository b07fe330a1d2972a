"""Fourth batch, written before measuring."""
F = {}
F["b4-python/config.py"] = '''from typing import Final
from binance.client import Client


class Config:
    BINANCE_API_KEY: Final = "{{A:301}}"
    BINANCE_API_SECRET: Final = "{{S:301}}"


os.environ.update(BINANCE_API_KEY="{{A:302}}", BINANCE_API_SECRET="{{S:302}}")
'''
F["b4-yaml/flow.yaml"] = '''binance: {api_key: {{A:303}}, api_secret: {{S:303}}}
"binance-api-key": "{{A:304}}"
"binance-api-secret": "{{S:304}}"
'''
F["b4-props/app.properties"] = '''binance.api.key: {{A:305}}
binance.api.secret = {{S:305}}
'''
F["b4-hocon/application.conf"] = '''binance {
  api-key = "{{A:306}}"
  api-secret = "{{S:306}}"
}
'''
F["b4-go/creds.go"] = '''package main

import "github.com/adshao/go-binance/v2"

var creds = map[string]string{"apiKey": "{{A:307}}", "secretKey": "{{S:307}}"}
'''
F["b4-rust/src/creds.rs"] = '''// binance
let creds = Credentials { api_key: "{{A:308}}".into(), secret_key: "{{S:308}}".into() };
'''
F["b4-cs/Setup.cs"] = '''using Binance.Net;
var opts = new BinanceOptions { ApiKey = "{{A:309}}", ApiSecret = "{{S:309}}" };
'''
F["b4-swift/Creds.swift"] = '''// Binance
let credentials = (apiKey: "{{A:310}}", secret: "{{S:310}}")
'''
F["b4-ps/keys.ps1"] = '''# Binance
$creds = @{ ApiKey = '{{A:311}}'; ApiSecret = '{{S:311}}' }
'''
F["b4-docker/Dockerfile"] = '''FROM python:3.12
# binance bot
ARG BINANCE_API_KEY={{A:312}}
ARG BINANCE_API_SECRET={{S:312}}
'''
F["b4-json/pairs.json"] = '''{"binance": [["apiKey", "{{A:313}}"], ["secretKey", "{{S:313}}"]]}
'''
F["b4-sql/seed.sql"] = '''-- binance bot seed
INSERT INTO credentials (exchange, api_key, api_secret) VALUES ('binance', '{{A:314}}', '{{S:314}}');
INSERT INTO trades (id, client_order_id) VALUES (1, '{{N}}');
'''
F["b4-bat/run.cmd"] = '''set BINANCE_API_KEY={{A:315}} && python bot.py
'''
F["b4-js/env.js"] = '''// binance bot
const { apiKey = '{{A:316}}', apiSecret = '{{S:316}}' } = process.env;
const orderId = '{{N}}';
'''
