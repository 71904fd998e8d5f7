/** Unix permission bits of each entry, read from a ZIP's central directory (fflate does not expose them). */
export function unixModes(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end -= 1;
  let offset = view.getUint32(end + 16, true);
  const modes = new Map<string, number>();
  for (let i = 0; i < view.getUint16(end + 10, true); i += 1) {
    const nameLength = view.getUint16(offset + 28, true);
    const extra = view.getUint16(offset + 30, true);
    const comment = view.getUint16(offset + 32, true);
    const name = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    modes.set(name, view.getUint32(offset + 38, true) >>> 16);
    offset += 46 + nameLength + extra + comment;
  }
  return modes;
}
