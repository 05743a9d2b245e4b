// Package publish is the one way docattr writes a derived file (a marked,
// cleaned, reviewed or lifecycle-stamped copy) so that a user's file is
// never lost and the audit log never claims what is not there:
//
//  1. Guard.Target checks and names the destination: never an input of the
//     run, the audit log or anything in the installation's data folder,
//     whatever the spelling (case, ./, symlink, hard link); outputs of a run
//     never overwrite each other, and an existing file is replaced only when
//     asked (overwrite), otherwise a distinct name (通知-已标注(2).docx) is
//     used.
//  2. OpenInput holds the input open and hashes it on a second core while
//     the derivation reads it; Input.Sum refuses an input that changed
//     meanwhile, so the event's input hash is that of the bytes used.
//  3. Create gives a temporary Output in the destination folder, hashed
//     as it is written; Finish syncs it and returns that hash.
//  4. CommitAll (or Commit) probes that each destination can be replaced,
//     appends the events in one transaction, then moves the outputs into
//     place; an output that still fails gets a compensating
//     audit.TypePublishFailed event. Abort throws an output away.
//
// Temporary files are unnamed on Linux and swept when stale elsewhere (see
// internal/atomicfile, which does the file-level work). Errors are
// *msg.Error values with this package's sentinels as kinds.
package publish
