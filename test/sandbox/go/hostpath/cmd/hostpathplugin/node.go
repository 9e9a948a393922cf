package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// topologyKey is upstream hostpathplugin's segment key: a volume lives on the node that holds its folder.
const topologyKey = "topology.hostpath.csi/node"

// ---- Node: the kubelet publishes volumes into pods through these calls ----

func (d *driver) NodeGetInfo(contextT, *csi.NodeGetInfoRequest) (*csi.NodeGetInfoResponse, error) {
	resp := &csi.NodeGetInfoResponse{NodeId: d.cfg.nodeID}
	if d.cfg.topology {
		resp.AccessibleTopology = d.nodeTopology()
	}
	return resp, nil
}

func (d *driver) nodeTopology() *csi.Topology {
	return &csi.Topology{Segments: map[string]string{topologyKey: d.cfg.nodeID}}
}

// No STAGE_UNSTAGE: the kubelet calls NodePublishVolume directly, and a bind mount needs no staging.
func (d *driver) NodeGetCapabilities(contextT, *csi.NodeGetCapabilitiesRequest) (*csi.NodeGetCapabilitiesResponse, error) {
	return &csi.NodeGetCapabilitiesResponse{}, nil
}

// NodePublishVolume bind-mounts the volume's folder (Filesystem) onto the target path,
// or, for Block, attaches its file to a loop device and bind-mounts the device onto a file.
func (d *driver) NodePublishVolume(_ contextT, req *csi.NodePublishVolumeRequest) (*csi.NodePublishVolumeResponse, error) {
	id, target := req.GetVolumeId(), req.GetTargetPath()
	if id == "" || target == "" {
		return nil, status.Error(codes.InvalidArgument, "volume ID and target path are required")
	}
	if req.GetVolumeCapability() == nil {
		return nil, status.Error(codes.InvalidArgument, "volume capability missing in request")
	}
	block := req.GetVolumeCapability().GetBlock() != nil
	d.store.mu.Lock()
	v, ok := d.store.volumeByID(id)
	d.store.mu.Unlock()
	if !ok {
		return nil, status.Errorf(codes.NotFound, "volume id %s does not exist in the volumes list", id)
	}
	if block != v.Block {
		return nil, status.Errorf(codes.InvalidArgument, "volume %s mode is not compatible with requested mode", id)
	}
	mounted, err := isMountPoint(target)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "reading mounts: %v", err)
	}
	if mounted {
		return &csi.NodePublishVolumeResponse{}, nil
	}
	src := d.volumePath(id)
	if block {
		if src, err = attachLoop(src); err != nil {
			return nil, status.Errorf(codes.FailedPrecondition, "block volume %s: %v", id, err)
		}
		if err := touch(target); err != nil {
			return nil, status.Errorf(codes.Internal, "creating target file %s: %v", target, err)
		}
	} else if err := os.MkdirAll(target, 0o750); err != nil {
		return nil, status.Errorf(codes.Internal, "creating target %s: %v", target, err)
	}
	if err := syscall.Mount(src, target, "", syscall.MS_BIND, ""); err != nil {
		return nil, status.Errorf(codes.Internal, "bind mount %s on %s: %v", src, target, err)
	}
	if req.GetReadonly() {
		if err := syscall.Mount("", target, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
			_ = syscall.Unmount(target, 0)
			return nil, status.Errorf(codes.Internal, "remounting %s read-only: %v", target, err)
		}
	}
	log.Printf("published volume %s at %s (block=%v, readonly=%v)", id, target, block, req.GetReadonly())
	return &csi.NodePublishVolumeResponse{}, nil
}

func (d *driver) NodeUnpublishVolume(_ contextT, req *csi.NodeUnpublishVolumeRequest) (*csi.NodeUnpublishVolumeResponse, error) {
	id, target := req.GetVolumeId(), req.GetTargetPath()
	if id == "" || target == "" {
		return nil, status.Error(codes.InvalidArgument, "volume ID and target path are required")
	}
	mounted, err := isMountPoint(target)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "reading mounts: %v", err)
	}
	if mounted {
		if err := syscall.Unmount(target, 0); err != nil {
			return nil, status.Errorf(codes.Internal, "unmounting %s: %v", target, err)
		}
	}
	if err := os.Remove(target); err != nil && !os.IsNotExist(err) {
		return nil, status.Errorf(codes.Internal, "removing %s: %v", target, err)
	}
	d.store.mu.Lock()
	v, ok := d.store.volumeByID(id)
	d.store.mu.Unlock()
	if ok && v.Block {
		detachLoops(d.volumePath(id))
	}
	log.Printf("unpublished volume %s from %s", id, target)
	return &csi.NodeUnpublishVolumeResponse{}, nil
}

// isMountPoint reads /proc/self/mountinfo (field 5 is the mount point, octal-escaped).
func isMountPoint(path string) (bool, error) {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return false, err
	}
	defer f.Close()
	clean := filepath.Clean(path)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 4 && unescapeOctal(fields[4]) == clean {
			return true, nil
		}
	}
	return false, sc.Err()
}

func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			var c int
			if _, err := fmt.Sscanf(s[i+1:i+4], "%03o", &c); err == nil {
				b.WriteByte(byte(c))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func touch(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDONLY, 0o640)
	if err != nil {
		return err
	}
	return f.Close()
}

// attachLoop returns a loop device backed by file, reusing one already attached.
// Block volumes need /dev/loop-control; without it the kubelet gets a clear FailedPrecondition.
func attachLoop(file string) (string, error) {
	if _, err := os.Stat("/dev/loop-control"); err != nil {
		return "", fmt.Errorf("this machine has no loop devices (/dev/loop-control: %v), so block volumes cannot be published; use Filesystem", err)
	}
	if devs := loopsFor(file); len(devs) > 0 {
		return devs[0], nil
	}
	out, err := exec.Command("losetup", "--find", "--show", file).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("losetup --find --show %s: %v: %s", file, err, strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}

func detachLoops(file string) {
	for _, dev := range loopsFor(file) {
		if out, err := exec.Command("losetup", "-d", dev).CombinedOutput(); err != nil {
			log.Printf("losetup -d %s: %v: %s", dev, err, strings.TrimSpace(string(out)))
		}
	}
}

// loopsFor lists the loop devices whose backing file is file (from /sys/block/loop*/loop/backing_file).
func loopsFor(file string) []string {
	matches, _ := filepath.Glob("/sys/block/loop*/loop/backing_file")
	var devs []string
	for _, m := range matches {
		b, err := os.ReadFile(m)
		if err == nil && strings.TrimSpace(string(b)) == file {
			devs = append(devs, "/dev/"+filepath.Base(filepath.Dir(filepath.Dir(m))))
		}
	}
	return devs
}
