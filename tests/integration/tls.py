"""TLS for the integration tests: a CA and a server certificate made by the test, and Debian's stunnel4
terminating TLS in front of the embedded broker (which speaks plain Kafka behind it)."""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.integration.helpers import required_tool, wait_until


@dataclass(frozen=True)
class Certificates:
    ca: Path  # the CA certificate clients trust
    cert: Path  # the server's certificate, signed by the CA, for 127.0.0.1 and localhost
    key: Path


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def make_certificates(directory: Path) -> Certificates:
    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name("newsmetrics test CA")).issuer_name(_name("newsmetrics test CA"))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
          .sign(ca_key, hashes.SHA256()))
    server = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
              .public_key(key.public_key()).serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
              .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                                                          x509.DNSName("localhost")]), critical=False)
              .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
              .sign(ca_key, hashes.SHA256()))
    out = Certificates(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    out.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    out.cert.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    out.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    out.key.chmod(0o600)
    return out


def _stunnel() -> str:
    return required_tool("stunnel4", "stunnel")


@contextlib.contextmanager
def tls_proxy(accept: str, connect: str, certificates: Certificates, directory: Path) -> Iterator[None]:
    """stunnel in the foreground: TLS on ``accept`` (host:port), plain TCP to ``connect``."""
    config = directory / "stunnel.conf"
    config.write_text(f"foreground = yes\npid =\noutput = {directory / 'stunnel.log'}\n\n[kafka]\n"
                      f"accept = {accept}\nconnect = {connect}\ncert = {certificates.cert}\nkey = {certificates.key}\n")
    process = subprocess.Popen([_stunnel(), str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        host, port = accept.rsplit(":", 1)
        assert wait_until(lambda: _listening(host, int(port)), timeout=20, every=0.2), \
            (directory / "stunnel.log").read_text(errors="replace")
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def _listening(host: str, port: int) -> bool:
    with socket.create_connection((host, port), timeout=1):
        return True
