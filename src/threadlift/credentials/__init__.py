"""Verifiable certificates: Open Badges 3.0 credentials with Data Integrity proofs (no Django).

- `keys`: Ed25519 key pairs, private keys sealed with AES-GCM under a secret from the environment.
- `did`: did:web identifiers and DID documents with several Multikey methods (rotation).
- `credential`: the `OpenBadgeCredential` document (VCDM 2.0 + OB 3.0.3 contexts).
- `status`: W3C Bitstring Status Lists (revocation and suspension).
- `proof`: `eddsa-rdfc-2022` signing and verification, contexts resolved from the bundled copies
  of openbadgeslib (unknown context URLs fail closed; nothing is fetched).
- `verify`: the whole check a third party makes: proof, issuer, dates and status.
- `baking`: OB 3.0 baking into PNG (iTXt `openbadgecredential`) and SVG (`openbadges:credential`).
"""
