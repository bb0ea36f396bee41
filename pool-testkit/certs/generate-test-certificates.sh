#!/usr/bin/env bash
# Makes the throwaway test certificates that pool-testkit ships as resources (ECDSA P-256, 100 years).
# They are public on purpose: never trust them outside tests. Run again only to replace them all:
#   pool-testkit/certs/generate-test-certificates.sh
set -euo pipefail
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/io/resourcepool/testkit/certs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
days=36525

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }

cat >"$work/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

ca() { # name subject
  key "$work/$1-key.pem"
  openssl req -new -x509 -key "$work/$1-key.pem" -subj "$2" -days $days -sha256 \
    -set_serial "0x$(openssl rand -hex 16)" -extensions ca -config "$work/ext.cnf" -out "$work/$1.pem"
}

leaf() { # name subject ca section
  key "$work/$1-key.pem"
  openssl req -new -key "$work/$1-key.pem" -subj "$2" -out "$work/$1.csr"
  openssl x509 -req -in "$work/$1.csr" -CA "$work/$3.pem" -CAkey "$work/$3-key.pem" -days $days -sha256 \
    -set_serial "0x$(openssl rand -hex 16)" -extfile "$work/ext.cnf" -extensions "$4" -out "$work/$1-cert.pem"
  cat "$work/$1-cert.pem" "$work/$3.pem" >"$work/$1.pem"
}

ca test-ca "/O=ResourcePool tests/CN=ResourcePool Test CA"
leaf server "/O=ResourcePool tests/CN=localhost" test-ca server
leaf client "/CN=test-worker" test-ca client
ca other-ca "/O=Somebody else/CN=Unrelated Test CA"
leaf other-client "/CN=rogue-worker" other-ca client

for f in test-ca.pem server.pem server-key.pem client.pem client-key.pem other-ca.pem other-client.pem other-client-key.pem; do
  cp "$work/$f" "$out/$f"
done
echo "wrote test certificates to $out"
