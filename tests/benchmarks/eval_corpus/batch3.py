"""Third batch, written before measuring: more styles and many in-project decoys."""
import json

F = {}
F["py-black/bot.py"] = '''from binance.spot import Spot

BINANCE = {
    "api_key": (
        "{{A:201}}"
    ),
    "api_secret": (
        "{{S:201}}"
    ),
}
nonce = "{{N}}"
client_order_id = "{{N}}"
request_id = "{{N}}"
session_token = "{{N}}"
db_password = "{{N}}"
signature = "{{N}}"
api_key_id = "{{N}}"
secret_hash = "{{N}}"
'''
F["py-black/keyring_setup.py"] = '''import keyring

keyring.set_password("binance", "api_key", "{{A:202}}")
keyring.set_password("binance", "api_secret", "{{S:202}}")
'''
F["js-template/src/index.mjs"] = '''import { Spot } from '@binance/connector';

const apiKey = `{{A:203}}`;
const apiSecret = `{{S:203}}`;
const client = new Spot(apiKey, apiSecret);
const clientOrderId = '{{N}}';
'''
F["yaml-accounts/accounts.yml"] = '''# binance + bybit hedge accounts
accounts:
  - name: main
    exchange: binance
    key: {{A:204}}
    secret: {{S:204}}
  - name: hedge
    exchange: bybit
    key: {{N}}
    secret: {{N}}
'''
F["toml-sections/exchanges.toml"] = '''[exchanges.binance]
key = "{{A:205}}"
secret = "{{S:205}}"

[exchanges.okx]
key = "{{N}}"
secret = "{{N}}"
passphrase = "hunter2"
'''
F["nginx-proxy/binance.conf"] = '''location /binance/ {
    proxy_pass https://api.binance.com/;
    proxy_set_header X-MBX-APIKEY {{A:206}};
}
'''
F["http-client/account.http"] = '''### Binance account
GET https://api.binance.com/api/v3/account?timestamp=1700000000000&signature={{N}}
X-MBX-APIKEY: {{A:207}}
'''
F["insomnia/export.json"] = json.dumps({"resources": [{"_type": "request", "name": "Binance account",
    "url": "https://api.binance.com/api/v3/account",
    "headers": [{"name": "X-MBX-APIKEY", "value": "{{A:208}}"}]}]}) + "\n"
F["java-map/src/Creds.java"] = '''import com.binance.connector.client.impl.SpotClientImpl;
import java.util.Map;

class Creds {
    static final Map<String, String> KEYS = Map.of("apiKey", "{{A:209}}", "secretKey", "{{S:209}}");
    static final String REQUEST_ID = "{{N}}";
}
'''
F["kotlin-data/Creds.kt"] = '''import com.binance.connector.client.impl.SpotClientImpl

data class Creds(val apiKey: String = "{{A:210}}", val secret: String = "{{S:210}}")
data class Order(val clientOrderId: String = "{{N}}")
'''
F["php-array/keys.php"] = '''<?php
// binance
$keys = ['apiKey' => '{{A:211}}', 'secret' => '{{S:211}}'];
$order = ['newClientOrderId' => '{{N}}'];
'''
F["heredoc/setup.sh"] = '''#!/bin/sh
# install the binance bot
cat > .env <<EOF
BINANCE_API_KEY={{A:212}}
BINANCE_API_SECRET={{S:212}}
EOF
'''
F["responses/account.json"] = '''{
  "makerCommission": 15,
  "canTrade": true,
  "uid": "{{N}}",
  "listenKey": "{{N}}",
  "txId": "{{N}}",
  "hash": "{{N}}",
  "tradeId": "{{N}}"
}
'''
F["responses/binance_client.py"] = '''from binance.client import Client
'''
F["mixed-env/.env"] = '''# bot
BINANCE_API_KEY={{A:213}}
BINANCE_API_SECRET={{S:213}}
BINANCE_API_KEY_ID={{N}}
ACCESS_TOKEN={{N}}
WEBHOOK_SECRET={{N}}
CRYPTOPANIC_API_KEY={{N}}
NEWSAPI_KEY={{N}}
'''
F["mixed-env/bot.py"] = '''import ccxt
exchange = ccxt.binance()
'''
