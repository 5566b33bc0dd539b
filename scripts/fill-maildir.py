#!/usr/bin/env python3
"""Delivers every .eml file under a folder into a Maildir's new/, the way a delivery agent
does (write into tmp/, then rename into new/ under a unique name), in sorted path order.
Used by run-demo.sh; one process instead of thousands of `cp`.

usage: fill-maildir.py MAILDIR CORPUS_DIR
"""

import os
import shutil
import socket
import sys
import time


def main(argv):
    if len(argv) != 3:
        sys.stderr.write(__doc__)
        return 2
    maildir, corpus = argv[1], argv[2]
    sources = sorted(os.path.join(root, name)
                     for root, _dirs, files in os.walk(corpus)
                     for name in files if name.endswith(".eml"))
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    # Maildir unique names: time.MmicrosPpid.host; the counter keeps them unique and ordered.
    now, pid, host = int(time.time()), os.getpid(), socket.gethostname().replace("/", "_").replace(":", "_")
    for count, source in enumerate(sources, start=1):
        name = f"{now}.M{count:06d}P{pid}.{host}"
        tmp_path = os.path.join(maildir, "tmp", name)
        shutil.copyfile(source, tmp_path)
        os.rename(tmp_path, os.path.join(maildir, "new", name))
    print(f"fill-maildir: put {len(sources)} messages from {corpus} into {maildir}/new")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
