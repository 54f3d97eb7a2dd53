// Package osfile reads and writes whole files with as few system calls as
// the operating system allows, and refuses what is not a file.
//
// A build reads three files for each page of a site (its Markdown, its
// dataset and the dataset's schema) and compares or writes two. On Linux,
// os.Open and os.Create try to register every file with the network
// poller, which refuses regular files: four fcntl and one epoll_ctl per
// file, wasted (golang/go#44552), two in five of a build's system calls.
// Where a system call is dear, as on the virtual machines sites are built
// on, system calls were a seventh of a build's CPU. This package opens
// files without that attempt. It also opens them without waiting, so that
// a named pipe among a site's files is an error, not a build that never
// ends.
package osfile

import (
	"errors"
	"io/fs"
	"os"
	"strings"
)

// ErrNotRegular is the error of reading or opening what is neither a
// regular file nor a folder: a named pipe, a socket, a device.
var ErrNotRegular = errors.New("not a regular file")

// Dir is os.DirFS(root) whose ReadFile uses ReadFile below. Like
// os.DirFS, it reads and stats through symbolic links; callers that must
// not follow them check with Lstat and ReadLink, which it keeps.
func Dir(root string) fs.FS {
	d, ok := os.DirFS(root).(dirFS)
	if !ok || !direct || root == "" {
		return os.DirFS(root)
	}
	if !strings.HasSuffix(root, "/") {
		root += "/"
	}
	return dir{d, root}
}

// dirFS is what os.DirFS's value implements.
type dirFS interface {
	fs.StatFS
	fs.ReadDirFS
	fs.ReadFileFS
	fs.ReadLinkFS
}

type dir struct {
	dirFS
	root string // ends with a slash
}

// Open opens name as os.DirFS does, after refusing, as ReadFile does,
// what is neither a file nor a folder.
func (d dir) Open(name string) (fs.File, error) {
	if info, err := d.dirFS.Stat(name); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return d.dirFS.Open(name)
}

// ReadFile reads name, a slash-separated path inside the folder, and
// reports errors against name, as os.DirFS does.
func (d dir) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return d.dirFS.ReadFile(name) // it says what is wrong with name
	}
	b, err := ReadFile(d.root + name)
	if e, ok := err.(*fs.PathError); ok {
		e.Path = name
	}
	return b, err
}
