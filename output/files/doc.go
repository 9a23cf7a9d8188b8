// Package files writes files whole or not at all, and reads them with
// errors that name them.
//
// A file is written to a temporary name in its folder, synced and renamed
// into place, so a reader sees either the old file or the new one, never
// a part. Errors name the file's path.
package files
