"""A SCIM server: Canaille's SCIM 2.0 API (PyPI `canaille[scim,oidc]`, with
`pytest-iam`'s in-memory test setup), reachable with one bearer token. Used as a
third-party server that `scimctl simulate` is judged against (tests/third_party.rs).
    SCIM_TOKEN=secret python canaille_scim_server.py PORT
"""
import datetime
import os
import sys
import uuid

os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain http on loopback only

from canaille import create_app  # noqa: E402
from canaille.app import models  # noqa: E402
from canaille.backends import Backend  # noqa: E402
from joserfc.jwk import JWKRegistry  # noqa: E402
from pytest_iam import Server  # noqa: E402

port = int(sys.argv[1])
token = os.environ["SCIM_TOKEN"]
jwk = JWKRegistry.generate_key("RSA", 2048)
jwk.ensure_kid()
config = {
    "TESTING": True,
    "SECRET_KEY": str(uuid.uuid4()),
    "WTF_CSRF_ENABLED": False,
    "PREFERRED_URL_SCHEME": "http",
    "SERVER_NAME": f"localhost:{port}",
    "CANAILLE": {"DATABASE": "memory", "JAVASCRIPT": False},
    "CANAILLE_OIDC": {"ACTIVE_JWKS": [jwk.as_dict(private=True)]},
    "CANAILLE_SCIM": {"ENABLE_SERVER": True},
}
app = create_app(config=config, env_file=None)
server = Server(app, port, Backend.instance)
with app.app_context():
    # A client token (no subject): Canaille lets it use the SCIM API.
    client = models.Client(
        client_id=str(uuid.uuid4()),
        client_name="scimctl tests",
        client_id_issued_at=datetime.datetime.now(datetime.UTC),
        grant_type=["client_credentials"],
        response_type=["token"],
        scope=["openid"],
        redirect_uris=[],
        token_endpoint_auth_method="client_secret_basic",
    )
    Backend.instance.save(client)
    Backend.instance.save(
        models.Token(
            id=str(uuid.uuid4()),
            token_id=str(uuid.uuid4()),
            access_token=token,
            client=client,
            subject=None,
            type="access_token",
            scope=["openid"],
            issue_date=datetime.datetime.now(datetime.UTC),
            lifetime=24 * 3600,
            audience=[client],
        )
    )
print(f"listening on http://localhost:{port}/scim/v2", flush=True)
server.httpd.serve_forever()
