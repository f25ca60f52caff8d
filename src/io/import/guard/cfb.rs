//! The compound file (OLE2) of an `.xls`, read exactly as calamine 0.38 reads it (its `src/cfb.rs`,
//! ported), but bounded: the workbook stream calamine would get, or why it would fail.
//!
//! calamine follows the file's sector chains without a bound: a chain that loops makes it read
//! until the length the directory claims (4 GB, or without end for the directory itself), a
//! sector list that repeats a sector makes its allocation table grow to gigabytes, and some damaged
//! headers make it index past a buffer (a panic, which aborts in WebAssembly). The `cfb` crate
//! reads such files otherwise (or refuses them), so the port follows calamine step by step,
//! reader position and zero-filled buffers included, and stops where calamine would loop,
//! explode or panic. Where calamine fails cleanly, this gives up and lets calamine say why.
//!
//! [`compound_file`] writes a clean compound file holding one workbook stream: a stream repaired
//! by the record checks (`biff.rs`) is handed to calamine that way.

use super::Fail;

const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;
const FATSECT: u32 = 0xFFFF_FFFD;
const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const NOSTREAM: u32 = 0xFFFF_FFFF;
const SIGNATURE: &[u8; 8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The file read sequentially, as calamine's reader is.
struct Reader<'a> {
    file: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> usize {
        let rest = self.file.get(self.pos..).unwrap_or(&[]);
        let n = rest.len().min(buf.len());
        if let (Some(dst), Some(src)) = (buf.get_mut(..n), rest.get(..n)) {
            dst.copy_from_slice(src);
        }
        self.pos += n;
        n
    }
}

/// calamine's `Sectors`: a buffer filled from the reader as sectors are asked for.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    maxid: u32,
}

impl Sectors {
    /// The sector's bytes in `data` (short at the end of the file).
    fn get(&mut self, id: u32, r: &mut Reader<'_>) -> Result<(usize, usize), Fail> {
        if self.maxid < id {
            return Err(Fail::Clean);
        }
        let start = id as usize * self.size;
        let end = start + self.size;
        if end > self.data.len() {
            let mut len = self.data.len();
            self.data.resize(end, 0);
            while len < end {
                let read = r.read(self.data.get_mut(len..end).unwrap_or(&mut []));
                if read == 0 {
                    // calamine slices `data[start..len]`: a panic when the file ends before.
                    return if len < start {
                        Err(Fail::Damaged("a sector lies past the end of the file"))
                    } else {
                        Ok((start, len))
                    };
                }
                len += read;
            }
        }
        Ok((start, end))
    }

    /// A chain of sectors up to `len` bytes. A chain longer than the file has sectors loops.
    fn get_chain(&mut self, start: u32, fats: &[u32], r: &mut Reader<'_>, len: usize) -> Result<Vec<u8>, Fail> {
        let mut chain = Vec::new();
        let mut id = start;
        let mut steps = 0usize;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > self.maxid as usize + 1 {
                return Err(Fail::Damaged("a sector chain of the compound file loops"));
            }
            let (s, e) = self.get(id, r)?;
            let take = (e - s).min(len - chain.len());
            chain.extend_from_slice(self.data.get(s..s + take).unwrap_or(&[]));
            if chain.len() >= len {
                break;
            }
            id = *fats.get(id as usize).ok_or(Fail::Damaged("a sector chain leaves the allocation table"))?;
        }
        Ok(chain)
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b.get(at).copied().unwrap_or(0), b.get(at + 1).copied().unwrap_or(0)])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from(u16_at(b, at)) | (u32::from(u16_at(b, at + 2)) << 16)
}

/// calamine's `to_u32`, which asserts a whole number of entries.
fn u32s(b: &[u8]) -> Result<impl Iterator<Item = u32> + '_, Fail> {
    if !b.len().is_multiple_of(4) {
        return Err(Fail::Damaged("a sector of the allocation table is cut short"));
    }
    Ok(b.chunks_exact(4).map(|c| u32_at(c, 0)))
}

struct Directory {
    name: String,
    start: u32,
    len: usize,
}

/// The `Workbook` stream (or `Book`, for Excel 5) as calamine gets it from `bytes`.
pub(super) fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Fail> {
    let header = bytes.get(..512).ok_or(Fail::Clean)?;
    if header.get(..8) != Some(SIGNATURE.as_slice()) {
        return Err(Fail::Clean);
    }
    let version = u16_at(header, 26);
    let (size, header_len) = match u16_at(header, 30) {
        0x0009 => (512usize, 512usize),
        0x000C if bytes.len() >= 4096 => (4096, 4096),
        _ => return Err(Fail::Clean),
    };
    if u16_at(header, 32) != 0x0006 {
        return Err(Fail::Clean);
    }
    let dir_start = u32_at(header, 48);
    let mini_fat_start = u32_at(header, 60);
    let mini_fat_len = u32_at(header, 64) as usize;
    let difat_start = u32_at(header, 68);
    let mut difat: Vec<u32> = header.get(76..512).unwrap_or(&[]).chunks_exact(4).map(|c| u32_at(c, 0)).collect();

    let mut r = Reader { file: bytes, pos: header_len };
    let maxid = bytes.len() / size;
    let mut sectors = Sectors { data: Vec::with_capacity(1024), size, maxid: maxid as u32 };

    let mut id = difat_start;
    let mut difat_sectors = 0usize;
    while id < RESERVED_SECTORS {
        difat_sectors += 1;
        if difat_sectors > maxid.saturating_add(1) {
            return Err(Fail::Clean);
        }
        let (s, e) = sectors.get(id, &mut r)?;
        difat.extend(u32s(sectors.data.get(s..e).unwrap_or(&[]))?);
        id = difat.pop().ok_or(Fail::Clean)?;
    }
    // Each sector of the allocation table is a sector of the file: a longer list repeats some, and
    // calamine would copy each repetition (gigabytes from a small file).
    let fat_ids: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_ids.len() > maxid + 1 {
        return Err(Fail::Damaged("the allocation table lists more sectors than the file has"));
    }
    let mut fats = Vec::new();
    for id in fat_ids {
        let (s, e) = sectors.get(id, &mut r)?;
        fats.extend(u32s(sectors.data.get(s..e).unwrap_or(&[]))?);
    }

    let dirs = sectors.get_chain(dir_start, &fats, &mut r, usize::MAX)?;
    let mut directories = Vec::new();
    for entry in dirs.chunks(128).filter(|c| c.len() == 128) {
        let units = entry.get(..64).unwrap_or(&[]).chunks_exact(2).map(|u| u16_at(u, 0));
        let mut name: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
        if let Some(nul) = name.find('\0') {
            name.truncate(nul);
        }
        let len = if size == 512 {
            u32_at(entry, 120) as usize
        } else {
            let len = u64::from(u32_at(entry, 120)) | (u64::from(u32_at(entry, 124)) << 32);
            // calamine unwraps this conversion: a panic on a 32-bit target.
            usize::try_from(len)
                .ok()
                .filter(|&l| l <= u32::MAX as usize)
                .ok_or(Fail::Damaged("a stream claims a size beyond 4 GB"))?
        };
        directories.push(Directory { name, start: u32_at(entry, 116), len });
    }
    let root = directories.first().ok_or(Fail::Clean)?;
    if version != 3 && root.start == ENDOFCHAIN {
        return Err(Fail::Clean);
    }
    let (mini_fats, ministream) = if mini_fat_len > 0 {
        let ministream = sectors.get_chain(root.start, &fats, &mut r, root.len)?;
        let minifat = sectors.get_chain(mini_fat_start, &fats, &mut r, mini_fat_len.saturating_mul(size))?;
        (u32s(&minifat)?.collect::<Vec<u32>>(), ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut mini = Sectors { data: ministream, size: 64, maxid: (maxid * 8) as u32 };

    let mut stream = |name: &str| -> Result<Vec<u8>, Fail> {
        let d = directories.iter().find(|d| d.name.eq_ignore_ascii_case(name)).ok_or(Fail::Clean)?;
        if d.len < 4096 {
            mini.get_chain(d.start, &mini_fats, &mut r, d.len)
        } else {
            sectors.get_chain(d.start, &fats, &mut r, d.len)
        }
    };
    match stream("Workbook") {
        Err(Fail::Clean) => stream("Book"),
        other => other,
    }
}

/// A compound file (version 3, 512-byte sectors) holding `stream` as its `Workbook` stream, read
/// by calamine and by the `cfb` crate. A stream under 4,096 bytes is padded with zeros to that
/// size, so that it needs no mini stream (the zeros read as empty records after the last one).
pub(super) fn compound_file(stream: &[u8]) -> Vec<u8> {
    const SIZE: usize = 512;
    let len = stream.len().max(4096);
    let data_sectors = len.div_ceil(SIZE);
    // The allocation table covers every sector, its own and those of its list (DIFAT) included.
    let (mut fat, mut difat) = (1usize, 0usize);
    loop {
        let total = data_sectors + 1 + fat + difat;
        let (f, d) = (total.div_ceil(SIZE / 4), fat.saturating_sub(109).div_ceil(SIZE / 4 - 1));
        if (f, d) == (fat, difat) {
            break;
        }
        (fat, difat) = (f.max(fat), d.max(difat));
    }
    let dir_id = data_sectors;
    let fat_ids: Vec<u32> = (0..fat).map(|i| (dir_id + 1 + i) as u32).collect();
    let difat_ids: Vec<u32> = (0..difat).map(|i| (dir_id + 1 + fat + i) as u32).collect();
    let total = data_sectors + 1 + fat + difat;

    let mut out = vec![0u8; SIZE * (1 + total)];
    let put = |out: &mut Vec<u8>, at: usize, v: &[u8]| {
        if let Some(dst) = out.get_mut(at..at + v.len()) {
            dst.copy_from_slice(v);
        }
    };
    let put32 = |out: &mut Vec<u8>, at: usize, v: u32| put(out, at, &v.to_le_bytes());
    let sector = |id: usize| SIZE * (1 + id);

    put(&mut out, 0, SIGNATURE);
    put(&mut out, 24, &0x003Eu16.to_le_bytes());
    put(&mut out, 26, &3u16.to_le_bytes());
    put(&mut out, 28, &0xFFFEu16.to_le_bytes());
    put(&mut out, 30, &9u16.to_le_bytes());
    put(&mut out, 32, &6u16.to_le_bytes());
    put32(&mut out, 44, fat as u32);
    put32(&mut out, 48, dir_id as u32);
    put32(&mut out, 56, 4096);
    put32(&mut out, 60, ENDOFCHAIN);
    put32(&mut out, 68, difat_ids.first().copied().unwrap_or(ENDOFCHAIN));
    put32(&mut out, 72, difat as u32);
    for i in 0..109 {
        put32(&mut out, 76 + 4 * i, fat_ids.get(i).copied().unwrap_or(FREESECT));
    }
    // DIFAT sectors: 127 more table sectors each, then the next DIFAT sector.
    for (k, &id) in difat_ids.iter().enumerate() {
        let at = sector(id as usize);
        for j in 0..SIZE / 4 - 1 {
            put32(&mut out, at + 4 * j, fat_ids.get(109 + k * (SIZE / 4 - 1) + j).copied().unwrap_or(FREESECT));
        }
        put32(&mut out, at + SIZE - 4, difat_ids.get(k + 1).copied().unwrap_or(ENDOFCHAIN));
    }

    put(&mut out, sector(0), stream);
    // Directory: the root (its child is entry 1), the Workbook stream, two empty entries.
    let dir = sector(dir_id);
    for e in 0..4 {
        for field in [68, 72, 76] {
            put32(&mut out, dir + 128 * e + field, NOSTREAM);
        }
    }
    for (e, name, kind, start, size) in
        [(0usize, "Root Entry", 5u8, ENDOFCHAIN, 0u32), (1, "Workbook", 2, 0, len as u32)]
    {
        let at = dir + 128 * e;
        let units: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
        put(&mut out, at, &units);
        put(&mut out, at + 64, &(units.len() as u16).to_le_bytes());
        put(&mut out, at + 66, &[kind, 1]);
        put32(&mut out, at + 116, start);
        put32(&mut out, at + 120, size);
    }
    put32(&mut out, dir + 76, 1);

    // The allocation table.
    let next = |id: usize, v: u32, out: &mut Vec<u8>| {
        let (table, slot) = (id / (SIZE / 4), id % (SIZE / 4));
        if let Some(&t) = fat_ids.get(table) {
            put32(out, sector(t as usize) + 4 * slot, v);
        }
    };
    for id in 0..total {
        let v = if id + 1 < data_sectors {
            (id + 1) as u32
        } else if id < data_sectors || id == dir_id {
            ENDOFCHAIN
        } else if id <= dir_id + fat {
            FATSECT
        } else {
            DIFSECT
        };
        next(id, v, &mut out);
    }
    for id in total..fat * (SIZE / 4) {
        next(id, FREESECT, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_it_writes_as_calamine_and_the_cfb_crate_do() {
        for len in [10usize, 4096, 5000, 8_000_000] {
            let stream: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let file = compound_file(&stream);
            let ours = workbook_stream(&file).unwrap();
            assert_eq!(&ours[..len], &stream[..], "{len}");
            assert!(ours[len..].iter().all(|&b| b == 0));
            let mut cfb = cfb::CompoundFile::open(std::io::Cursor::new(&file)).unwrap();
            let mut theirs = Vec::new();
            std::io::Read::read_to_end(&mut cfb.open_stream("/Workbook").unwrap(), &mut theirs).unwrap();
            assert_eq!(theirs, ours, "{len}");
        }
    }

    #[test]
    fn agrees_with_calamine_on_the_fixtures() {
        for name in ["seed_rows.xls", "seed_columns.xls", "offices/tcvn3_labels.xls"] {
            let bytes = std::fs::read(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
            let stream = workbook_stream(&bytes).unwrap();
            let mut cfb = cfb::CompoundFile::open(std::io::Cursor::new(&bytes)).unwrap();
            let mut theirs = Vec::new();
            std::io::Read::read_to_end(&mut cfb.open_stream("/Workbook").unwrap(), &mut theirs).unwrap();
            assert_eq!(stream, theirs, "{name}");
        }
    }

    #[test]
    fn a_looping_chain_is_damaged() {
        let mut file = compound_file(&vec![7u8; 5000]);
        // The stream's last sector points back at its first.
        let fat = 512 * (1 + u32_at(&file, 76) as usize);
        let last = 5000usize.div_ceil(512) - 1;
        file[fat + 4 * last..fat + 4 * last + 4].copy_from_slice(&0u32.to_le_bytes());
        // And the stream claims 4 GB.
        let dir = 512 * (1 + u32_at(&file, 48) as usize) + 128;
        file[dir + 120..dir + 124].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(workbook_stream(&file), Err(Fail::Damaged("a sector chain of the compound file loops")));
    }
}
