//! What the disk under the store allows: whether we may write there, and
//! whether it is a network file system, where SQLite's write-ahead log
//! cannot work (its shared-memory index needs one machine's memory).

use std::path::Path;

/// True when the store file (or, for a new store, its folder) and the folder
/// that will hold the `-wal` and `-shm` files can be written. Checked up
/// front so a read-only summit folder gets a read-only store rather than
/// SQLite's "unable to open database file".
pub(crate) fn writable(path: &Path, exists: bool) -> bool {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    can_write(folder) && (!exists || can_write(path))
}

#[cfg(unix)]
fn can_write(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

#[cfg(not(unix))]
fn can_write(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// The network file system the store's folder is on, if that can be told
/// cheaply (one `statfs` call on Linux; elsewhere we do not know).
pub(crate) fn network_file_system(path: &Path) -> Option<&'static str> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    file_system_magic(folder).and_then(network_name)
}

#[cfg(target_os = "linux")]
fn file_system_magic(folder: &Path) -> Option<i64> {
    let stat = rustix::fs::statfs(folder).ok()?;
    // f_type's integer type differs between architectures.
    #[allow(clippy::useless_conversion, clippy::unnecessary_cast)]
    Some(stat.f_type as i64)
}

#[cfg(not(target_os = "linux"))]
fn file_system_magic(_folder: &Path) -> Option<i64> {
    None
}

/// Names the network file systems among Linux's `f_type` magic numbers
/// (from `linux/magic.h` and the file systems' sources). FUSE is included:
/// it is most often sshfs or a cloud drive, and never safe to assume local.
pub(crate) fn network_name(magic: i64) -> Option<&'static str> {
    // statfs reports the magic as a signed value on some architectures.
    let magic = magic & 0xFFFF_FFFF;
    Some(match magic {
        0x6969 => "NFS",
        0x517B => "SMB",
        0xFF53_4D42 => "CIFS",
        0xFE53_4D42 => "SMB2",
        0x0102_1997 => "9P",
        0x00C3_6400 => "Ceph",
        0x5346_414F => "AFS",
        0x6B41_4653 => "kAFS",
        0x7375_7245 => "Coda",
        0x0BD0_0BD0 => "Lustre",
        0x4750_4653 => "GPFS",
        0x6573_5546 => "FUSE (for example sshfs)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_magics_are_named_and_local_ones_are_not() {
        assert_eq!(network_name(0x6969), Some("NFS"));
        // CIFS as a negative i32 sign-extended to i64, as some targets give it.
        assert_eq!(
            network_name(i64::from(0xFF53_4D42_u32 as i32)),
            Some("CIFS")
        );
        // ext4 and tmpfs.
        assert_eq!(network_name(0xEF53), None);
        assert_eq!(network_name(0x0102_1994), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_temporary_folder_is_not_on_a_network_file_system() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("matchslate.db");
        assert!(file_system_magic(dir.path()).is_some());
        assert_eq!(network_file_system(&path), None);
    }
}
