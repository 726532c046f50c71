# Sends signed single-status deliveries from one sender (see parley-profile.sh).
import hmac, hashlib, http.client, json, sys, time, random
port = int(sys.argv[1]); key = sys.argv[2]; warm = int(sys.argv[3]); measured = int(sys.argv[4]); gap = float(sys.argv[5])
secret = "prof-secret"
phone = "106540352242922"
c = http.client.HTTPConnection("127.0.0.1", port)
for i in range(200):
    c.request("PUT", "/api/v1/channels/whatsapp/" + phone, json.dumps({"app_secret": secret, "verify_token": "t"}),
              {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status == 200: break
    time.sleep(0.25)
def body(mid, status, ts, rcpt):
    st = {"id": mid, "status": status, "timestamp": str(ts), "recipient_id": rcpt}
    if status in ("sent", "delivered"):
        st["conversation"] = {"id": "c" + rcpt, "origin": {"type": "marketing"}}
        st["pricing"] = {"billable": True, "pricing_model": "PMP", "category": "marketing", "type": "regular"}
    return json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": phone},
        "statuses": [st]}, "field": "messages"}]}]}).encode()
def send(b):
    sig = "sha256=" + hmac.new(secret.encode(), b, hashlib.sha256).hexdigest()
    t = time.perf_counter()
    c.request("POST", "/webhooks/whatsapp", b, {"Content-Type": "application/json", "X-Hub-Signature-256": sig})
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
    return (time.perf_counter() - t) * 1e6
now = int(time.time()) - 3600
statuses = ["sent", "delivered", "read"]
n = 0
for i in range(warm):
    send(body("wamid.warm%d" % (i // 3), statuses[i % 3], now + i % 3, str(16505550000 + (i // 3) % 10000)))
print("warm done", time.time(), flush=True)
lat = []
mark = time.time()
for i in range(measured):
    # a message never seen (like most first statuses), then its delivered status in a later delivery
    lat.append(send(body("wamid.prof%d" % (i // 2), statuses[i % 2], now + i % 2, str(16505560000 + i))))
    time.sleep(gap)
lat.sort()
print("measured from", mark, "to", time.time())
print("client latency us: p50 %.0f p90 %.0f p99 %.0f min %.0f" % (lat[len(lat)//2], lat[int(len(lat)*.9)], lat[int(len(lat)*.99)], lat[0]))
