// GetSigningCertificate: a self-signed X.509 certificate per pool (the service's SAML signing
// certificate), made once and kept as a pool resource.
//
// Hand-written DER: the certificate is one fixed structure (version 3, serial, SHA256withRSA, one CN,
// validity, key), ~40 lines here, whereas an X.509 library (@peculiar/x509, node-forge) would add
// several packages for one rarely used operation. node:crypto's X509Certificate parses the result in
// the tests, which keeps this honest.
import { createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import type { LocalServices } from "./index.js";

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer) => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const oid = (hex: string) => tlv(0x06, Buffer.from(hex, "hex"));
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, "utf8"));
const NULL = Buffer.from([0x05, 0x00]);
const SHA256_RSA = seq(oid("2a864886f70d01010b"), NULL); // 1.2.840.113549.1.1.11

function utcTime(d: Date): Buffer {
  const s = d.toISOString().replace(/[-:T]/g, "").slice(2, 14);
  return tlv(0x17, Buffer.from(`${s}Z`, "ascii"));
}

function name(cn: string): Buffer {
  return seq(set(seq(oid("550403"), utf8(cn)))); // 2.5.4.3 commonName
}

export function makeSelfSignedCertificate(commonName: string, now: Date): string {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const serial = randomBytes(16);
  // Positive and minimal: DER forbids a leading zero byte, and OpenSSL rejects it.
  serial[0] = (serial[0] & 0x7f) | 0x01;
  const notAfter = new Date(now.getTime() + 10 * 365 * 86400 * 1000);
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // [0] version v3
    tlv(0x02, serial),
    SHA256_RSA,
    name(commonName),
    seq(utcTime(now), utcTime(notAfter)),
    name(commonName),
    spki,
  );
  const signature = createSign("sha256").update(tbs).sign(privateKey);
  const cert = seq(tbs, SHA256_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return cert.toString("base64");
}

/** The pool's certificate (base64 DER), created on first use. */
export function signingCertificate(services: LocalServices, poolId: string): string {
  const stored = services.resources.get<{ Certificate: string }>(poolId, "signing-certificate", "");
  if (stored) return stored.data.Certificate;
  const cert = makeSelfSignedCertificate(
    `cognito-idp.${services.region}.amazonaws.com/${poolId}`,
    services.clock(),
  );
  // Two processes may race here; the first certificate wins and both answer with it.
  services.resources.insert(poolId, "signing-certificate", "", { Certificate: cert });
  return (
    (services.resources.get<{ Certificate: string }>(poolId, "signing-certificate", "")?.data
      .Certificate as string) ?? cert
  );
}
