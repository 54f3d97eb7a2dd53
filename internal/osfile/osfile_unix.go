//go:build unix

package osfile

import (
	"io"
	"io/fs"
	"syscall"
)

// direct tells Dir to read with ReadFile, not through os.DirFS.
const direct = true

// ReadFile reads the file name whole, as os.ReadFile does, but refuses
// what is neither a regular file nor a folder: os.ReadFile would wait
// forever on a named pipe.
func ReadFile(name string) ([]byte, error) {
	fd, size, err := openRead(name, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	// One byte more than the size, so that the end is seen by the
	// first read that returns nothing (a file may grow meanwhile).
	b := make([]byte, 0, max(size+1, 512))
	for {
		n, err := read(fd, b[len(b):cap(b)])
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// WriteFile writes data to the file name, creating it with perm (before
// the umask) or truncating it, as os.WriteFile does.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	fd, err := open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, uint32(perm.Perm()))
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n, err := write(fd, data)
		if err == nil && n == 0 {
			err = io.ErrShortWrite // as os.File.Write would say, not a loop
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// OpenRegular opens name for reading when it is a regular file and not a
// symbolic link, and returns it with its size.
func OpenRegular(name string) (io.ReadCloser, int64, error) {
	fd, size, err := openRead(name, syscall.O_NOFOLLOW)
	if err != nil {
		return nil, 0, err
	}
	if size < 0 {
		syscall.Close(fd)
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: syscall.EISDIR}
	}
	return &file{fd, name}, size, nil
}

// openRead opens name for reading, with flag added, and returns its size,
// or -1 for a folder. Anything else that is not a regular file is refused
// before it is read. It is opened without waiting (O_NONBLOCK, which
// regular files ignore), so that a named pipe is refused, not waited on.
func openRead(name string, flag int) (fd int, size int64, err error) {
	fd, err = open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|flag, 0)
	if err != nil {
		return -1, 0, err
	}
	var st syscall.Stat_t
	if err := fstat(fd, &st); err != nil {
		syscall.Close(fd)
		return -1, 0, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
		return fd, st.Size, nil
	case syscall.S_IFDIR:
		return fd, -1, nil // reading it says what is wrong
	}
	syscall.Close(fd)
	return -1, 0, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
}

// file is a regular file open for reading: *os.File, without the
// poller os.NewFile would try again for a descriptor opened O_NONBLOCK.
type file struct {
	fd   int
	name string
}

func (f *file) Read(b []byte) (int, error) {
	n, err := read(f.fd, b)
	if err != nil {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
	}
	if n == 0 && len(b) > 0 {
		return 0, io.EOF
	}
	return n, nil
}

func (f *file) Close() error { return syscall.Close(f.fd) }

// open opens name with close-on-exec, retrying when a signal interrupts.
func open(name string, flag int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, perm)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return fd, nil
	}
}

func fstat(fd int, st *syscall.Stat_t) error {
	for {
		if err := syscall.Fstat(fd, st); err != syscall.EINTR {
			return err
		}
	}
}

func read(fd int, b []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, b)
		if err != syscall.EINTR {
			return n, err
		}
	}
}

func write(fd int, b []byte) (int, error) {
	for {
		n, err := syscall.Write(fd, b)
		if err != syscall.EINTR {
			return n, err
		}
	}
}
