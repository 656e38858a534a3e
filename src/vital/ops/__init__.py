"""Operations: backups and restores, tenant export, import and erase, soft-delete restore."""
