"""Prints the sections of a .tsrb bundle, one per line: NAME size=SIZE (checking
alignment: 64 bytes, the weights 4 KiB).

The container layout is docs/bundle.md's: a 64-byte header (magic, version,
section count, file size, table offset, checksums) and a table of 64-byte
entries (name 40, offset 8, size 8, XXH3 8). Only for the lit tests of
tessera-compile's bundle output (tessera-inspect checks everything)."""
import struct
import sys

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89TSRB\r\n\x1a", "bad magic"
major, minor, count, size, table = struct.unpack_from("<HHIQQ", data, 8)
assert size == len(data), "size mismatch"
print(f"version {major}.{minor} sections {count}")
for i in range(count):
    name, offset, length, _ = struct.unpack_from("<40sQQQ", data, table + 64 * i)
    name = name.rstrip(b"\0").decode()
    assert offset % 64 == 0, f"section {name} is not 64-byte aligned"
    if name == "weights":
        assert offset % 4096 == 0, "the weights are not 4 KiB aligned"
    print(f"{name} size={length}")
