package main

import (
	"crypto/rand"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

const defaultVolumeSize = 1 << 30

type driver struct {
	csi.UnimplementedIdentityServer
	csi.UnimplementedControllerServer
	csi.UnimplementedNodeServer

	cfg   config
	store *store
}

func newDriver(cfg config) (*driver, error) {
	if err := os.MkdirAll(filepath.Join(cfg.stateDir, "snapshots"), 0o755); err != nil {
		return nil, err
	}
	s, err := openStore(cfg.stateDir)
	if err != nil {
		return nil, fmt.Errorf("loading state: %w", err)
	}
	return &driver{cfg: cfg, store: s}, nil
}

func (d *driver) volumePath(id string) string { return filepath.Join(d.cfg.stateDir, id) }
func (d *driver) snapshotPath(id string) string {
	return filepath.Join(d.cfg.stateDir, "snapshots", id)
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// ---- Identity ----

func (d *driver) GetPluginInfo(contextT, *csi.GetPluginInfoRequest) (*csi.GetPluginInfoResponse, error) {
	return &csi.GetPluginInfoResponse{Name: d.cfg.driverName, VendorVersion: version}, nil
}

func (d *driver) GetPluginCapabilities(contextT, *csi.GetPluginCapabilitiesRequest) (*csi.GetPluginCapabilitiesResponse, error) {
	caps := []*csi.PluginCapability{{
		Type: &csi.PluginCapability_Service_{Service: &csi.PluginCapability_Service{Type: csi.PluginCapability_Service_CONTROLLER_SERVICE}},
	}}
	if d.cfg.topology {
		caps = append(caps, &csi.PluginCapability{
			Type: &csi.PluginCapability_Service_{Service: &csi.PluginCapability_Service{Type: csi.PluginCapability_Service_VOLUME_ACCESSIBILITY_CONSTRAINTS}},
		})
	}
	return &csi.GetPluginCapabilitiesResponse{Capabilities: caps}, nil
}

func (d *driver) Probe(contextT, *csi.ProbeRequest) (*csi.ProbeResponse, error) {
	return &csi.ProbeResponse{Ready: wrapperspb.Bool(true)}, nil
}

// ---- Controller ----

func (d *driver) ControllerGetCapabilities(contextT, *csi.ControllerGetCapabilitiesRequest) (*csi.ControllerGetCapabilitiesResponse, error) {
	var caps []*csi.ControllerServiceCapability
	for _, c := range d.controllerCaps() {
		caps = append(caps, &csi.ControllerServiceCapability{Type: &csi.ControllerServiceCapability_Rpc{Rpc: &csi.ControllerServiceCapability_RPC{Type: c}}})
	}
	return &csi.ControllerGetCapabilitiesResponse{Capabilities: caps}, nil
}

func (d *driver) controllerCaps() []csi.ControllerServiceCapability_RPC_Type {
	caps := []csi.ControllerServiceCapability_RPC_Type{
		csi.ControllerServiceCapability_RPC_CREATE_DELETE_VOLUME,
		csi.ControllerServiceCapability_RPC_LIST_VOLUMES,
		csi.ControllerServiceCapability_RPC_EXPAND_VOLUME,
	}
	if !d.cfg.noSnapshot {
		caps = append(caps, csi.ControllerServiceCapability_RPC_CREATE_DELETE_SNAPSHOT, csi.ControllerServiceCapability_RPC_LIST_SNAPSHOTS)
	}
	if !d.cfg.noClone {
		caps = append(caps, csi.ControllerServiceCapability_RPC_CLONE_VOLUME)
	}
	return caps
}

// unsupported is what a driver answers for a capability it does not advertise
// (upstream's validateControllerServiceRequest: InvalidArgument "unsupported capability").
func unsupported(c csi.ControllerServiceCapability_RPC_Type) error {
	return status.Errorf(codes.InvalidArgument, "unsupported capability %s", c)
}

// noSnapshots is the answer of a driver that does not implement the snapshot RPCs at all.
func noSnapshots(method string) error {
	return status.Errorf(codes.Unimplemented, "method %s not implemented", method)
}

// accessType tells whether the capabilities ask for a block volume.
func accessType(caps []*csi.VolumeCapability) (block bool, err error) {
	if len(caps) == 0 {
		return false, status.Error(codes.InvalidArgument, "volume capabilities missing in request")
	}
	var sawBlock, sawMount bool
	for _, c := range caps {
		switch {
		case c.GetBlock() != nil:
			sawBlock = true
		case c.GetMount() != nil:
			sawMount = true
		default:
			return false, status.Error(codes.InvalidArgument, "access type must be block or mount")
		}
	}
	if sawBlock && sawMount {
		return false, status.Error(codes.InvalidArgument, "cannot have both block and mount access type")
	}
	return sawBlock, nil
}

func sameSource(v volume, src *csi.VolumeContentSource) error {
	wantVol := src.GetVolume().GetVolumeId()
	wantSnap := src.GetSnapshot().GetSnapshotId()
	if v.SourceVol != wantVol {
		return status.Error(codes.AlreadyExists, "existing volume source volume id not matching")
	}
	if v.SourceSnap != wantSnap {
		return status.Error(codes.AlreadyExists, "existing volume source snapshot id not matching")
	}
	return nil
}

func (d *driver) CreateVolume(_ contextT, req *csi.CreateVolumeRequest) (*csi.CreateVolumeResponse, error) {
	if req.GetName() == "" {
		return nil, status.Error(codes.InvalidArgument, "name missing in request")
	}
	block, err := accessType(req.GetVolumeCapabilities())
	if err != nil {
		return nil, err
	}
	size := req.GetCapacityRange().GetRequiredBytes()
	if size == 0 {
		size = defaultVolumeSize
	}
	if size > d.cfg.maxVolumeSize {
		return nil, status.Errorf(codes.OutOfRange, "requested size %d exceeds maximum %d", size, d.cfg.maxVolumeSize)
	}
	src := req.GetVolumeContentSource()
	if src.GetVolume() != nil && d.cfg.noClone {
		return nil, unsupported(csi.ControllerServiceCapability_RPC_CLONE_VOLUME)
	}
	if src.GetSnapshot() != nil && d.cfg.noSnapshot {
		return nil, unsupported(csi.ControllerServiceCapability_RPC_CREATE_DELETE_SNAPSHOT)
	}
	if err := d.reachable(req.GetAccessibilityRequirements()); err != nil {
		return nil, err
	}

	d.store.mu.Lock()
	defer d.store.mu.Unlock()

	if v, ok := d.store.volumeByName(req.GetName()); ok {
		if v.Size < size {
			return nil, status.Errorf(codes.AlreadyExists, "volume with the same name %s but a different size already exists", req.GetName())
		}
		if v.Block != block {
			return nil, status.Errorf(codes.AlreadyExists, "volume with the same name %s but a different access type already exists", req.GetName())
		}
		if err := sameSource(v, src); err != nil {
			return nil, err
		}
		return &csi.CreateVolumeResponse{Volume: d.csiVolume(v, src)}, nil
	}

	v := volume{ID: newID(), Name: req.GetName(), Size: size, Block: block}
	// Resolve the content source first, so a bad request leaves nothing behind.
	var from string
	switch {
	case src.GetVolume() != nil:
		id := src.GetVolume().GetVolumeId()
		sv, ok := d.store.volumeByID(id)
		if !ok {
			return nil, status.Errorf(codes.NotFound, "volume id %s does not exist in the volumes list", id)
		}
		if sv.Size > size {
			return nil, status.Errorf(codes.InvalidArgument, "volume %s size %d is greater than requested volume size %d", id, sv.Size, size)
		}
		if sv.Block != block {
			return nil, status.Errorf(codes.InvalidArgument, "volume %s mode is not compatible with requested mode", id)
		}
		v.SourceVol, from = id, d.volumePath(id)
	case src.GetSnapshot() != nil:
		id := src.GetSnapshot().GetSnapshotId()
		ss, ok := d.store.snapshotByID(id)
		if !ok {
			return nil, status.Errorf(codes.NotFound, "cannot find snapshot %v", id)
		}
		if ss.Size > size {
			return nil, status.Errorf(codes.InvalidArgument, "snapshot %s size %d is greater than requested volume size %d", id, ss.Size, size)
		}
		if ss.Block != block {
			return nil, status.Errorf(codes.InvalidArgument, "snapshot %s mode is not compatible with requested mode", id)
		}
		v.SourceSnap, from = id, d.snapshotPath(id)
	}

	path := d.volumePath(v.ID)
	if err := makeVolume(path, from, size, block); err != nil {
		_ = os.RemoveAll(path)
		return nil, status.Errorf(codes.Internal, "creating volume %s: %v", v.ID, err)
	}
	d.store.st.Volumes = append(d.store.st.Volumes, v)
	if err := d.store.save(); err != nil {
		return nil, status.Errorf(codes.Internal, "saving state: %v", err)
	}
	log.Printf("created volume %s (%s) at %s, %d bytes, block=%v, source=%q", v.ID, v.Name, path, size, block, from)
	return &csi.CreateVolumeResponse{Volume: d.csiVolume(v, src)}, nil
}

// csiVolume reports the volume; with topology on, it is reachable only from this node
// (the provisioner turns that into the PV's node affinity).
func (d *driver) csiVolume(v volume, src *csi.VolumeContentSource) *csi.Volume {
	cv := &csi.Volume{VolumeId: v.ID, CapacityBytes: v.Size, ContentSource: src}
	if d.cfg.topology {
		cv.AccessibleTopology = []*csi.Topology{d.nodeTopology()}
	}
	return cv
}

// reachable refuses a request whose requisite topology excludes this node (one node serves all volumes).
func (d *driver) reachable(req *csi.TopologyRequirement) error {
	if !d.cfg.topology || len(req.GetRequisite()) == 0 {
		return nil
	}
	for _, t := range req.GetRequisite() {
		if n, ok := t.GetSegments()[topologyKey]; ok && n == d.cfg.nodeID {
			return nil
		}
	}
	return status.Errorf(codes.ResourceExhausted, "requested accessible topology %v does not include node %s", req.GetRequisite(), d.cfg.nodeID)
}

// makeVolume creates a directory (or a sparse file for block) at path and,
// when from is set, copies the source's content into it.
func makeVolume(path, from string, size int64, block bool) error {
	if block {
		if from != "" {
			if out, err := exec.Command("cp", "--sparse=always", from, path).CombinedOutput(); err != nil {
				return fmt.Errorf("cp: %v: %s", err, out)
			}
		}
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Truncate(size)
	}
	if err := os.MkdirAll(path, 0o777); err != nil {
		return err
	}
	if from == "" {
		return nil
	}
	return copyTree(from, path)
}

// copyTree copies the content of directory from into directory to (cp -a from/. to/).
func copyTree(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if out, err := exec.Command("cp", "-a", from+"/.", to+"/").CombinedOutput(); err != nil {
		return fmt.Errorf("cp -a: %v: %s", err, out)
	}
	return nil
}

func (d *driver) DeleteVolume(_ contextT, req *csi.DeleteVolumeRequest) (*csi.DeleteVolumeResponse, error) {
	id := req.GetVolumeId()
	if id == "" {
		return nil, status.Error(codes.InvalidArgument, "volume ID missing in request")
	}
	d.store.mu.Lock()
	defer d.store.mu.Unlock()
	var kept []volume
	found := false
	for _, v := range d.store.st.Volumes {
		if v.ID == id {
			found = true
			continue
		}
		kept = append(kept, v)
	}
	if !found {
		return &csi.DeleteVolumeResponse{}, nil
	}
	if err := os.RemoveAll(d.volumePath(id)); err != nil {
		return nil, status.Errorf(codes.Internal, "removing volume %s: %v", id, err)
	}
	d.store.st.Volumes = kept
	if err := d.store.save(); err != nil {
		return nil, status.Errorf(codes.Internal, "saving state: %v", err)
	}
	log.Printf("deleted volume %s", id)
	return &csi.DeleteVolumeResponse{}, nil
}

func (d *driver) ValidateVolumeCapabilities(_ contextT, req *csi.ValidateVolumeCapabilitiesRequest) (*csi.ValidateVolumeCapabilitiesResponse, error) {
	d.store.mu.Lock()
	v, ok := d.store.volumeByID(req.GetVolumeId())
	d.store.mu.Unlock()
	if !ok {
		return nil, status.Errorf(codes.NotFound, "volume id %s does not exist in the volumes list", req.GetVolumeId())
	}
	block, err := accessType(req.GetVolumeCapabilities())
	if err != nil {
		return nil, err
	}
	if block != v.Block {
		return &csi.ValidateVolumeCapabilitiesResponse{Message: "access type does not match the volume"}, nil
	}
	return &csi.ValidateVolumeCapabilitiesResponse{Confirmed: &csi.ValidateVolumeCapabilitiesResponse_Confirmed{
		VolumeContext: req.GetVolumeContext(), VolumeCapabilities: req.GetVolumeCapabilities(), Parameters: req.GetParameters(),
	}}, nil
}

func (d *driver) ListVolumes(contextT, *csi.ListVolumesRequest) (*csi.ListVolumesResponse, error) {
	d.store.mu.Lock()
	defer d.store.mu.Unlock()
	resp := &csi.ListVolumesResponse{}
	for _, v := range d.store.st.Volumes {
		resp.Entries = append(resp.Entries, &csi.ListVolumesResponse_Entry{Volume: d.csiVolume(v, nil)})
	}
	return resp, nil
}

func (d *driver) ControllerExpandVolume(_ contextT, req *csi.ControllerExpandVolumeRequest) (*csi.ControllerExpandVolumeResponse, error) {
	size := req.GetCapacityRange().GetRequiredBytes()
	d.store.mu.Lock()
	defer d.store.mu.Unlock()
	for i, v := range d.store.st.Volumes {
		if v.ID != req.GetVolumeId() {
			continue
		}
		if size > d.cfg.maxVolumeSize {
			return nil, status.Errorf(codes.OutOfRange, "requested size %d exceeds maximum %d", size, d.cfg.maxVolumeSize)
		}
		if size > v.Size {
			if v.Block {
				if err := os.Truncate(d.volumePath(v.ID), size); err != nil {
					return nil, status.Errorf(codes.Internal, "resizing: %v", err)
				}
			}
			d.store.st.Volumes[i].Size = size
			if err := d.store.save(); err != nil {
				return nil, status.Errorf(codes.Internal, "saving state: %v", err)
			}
		}
		return &csi.ControllerExpandVolumeResponse{CapacityBytes: d.store.st.Volumes[i].Size}, nil
	}
	return nil, status.Errorf(codes.NotFound, "volume id %s does not exist in the volumes list", req.GetVolumeId())
}

func (d *driver) CreateSnapshot(_ contextT, req *csi.CreateSnapshotRequest) (*csi.CreateSnapshotResponse, error) {
	if d.cfg.noSnapshot {
		return nil, noSnapshots("CreateSnapshot")
	}
	if req.GetName() == "" {
		return nil, status.Error(codes.InvalidArgument, "name missing in request")
	}
	srcID := req.GetSourceVolumeId()
	if srcID == "" {
		return nil, status.Error(codes.InvalidArgument, "source volume ID missing in request")
	}
	d.store.mu.Lock()
	defer d.store.mu.Unlock()
	if s, ok := d.store.snapshotByName(req.GetName()); ok {
		if s.SourceVol != srcID {
			return nil, status.Errorf(codes.AlreadyExists, "snapshot with the same name %s but a different source volume already exists", req.GetName())
		}
		return &csi.CreateSnapshotResponse{Snapshot: csiSnapshot(s)}, nil
	}
	v, ok := d.store.volumeByID(srcID)
	if !ok {
		return nil, status.Errorf(codes.NotFound, "volume id %s does not exist in the volumes list", srcID)
	}
	s := snapshot{ID: newID(), Name: req.GetName(), SourceVol: srcID, Size: v.Size, Block: v.Block, CreatedAt: time.Now().UnixNano()}
	path := d.snapshotPath(s.ID)
	if err := makeVolume(path, d.volumePath(srcID), v.Size, v.Block); err != nil {
		_ = os.RemoveAll(path)
		return nil, status.Errorf(codes.Internal, "creating snapshot %s: %v", s.ID, err)
	}
	d.store.st.Snapshots = append(d.store.st.Snapshots, s)
	if err := d.store.save(); err != nil {
		return nil, status.Errorf(codes.Internal, "saving state: %v", err)
	}
	log.Printf("created snapshot %s of volume %s", s.ID, srcID)
	return &csi.CreateSnapshotResponse{Snapshot: csiSnapshot(s)}, nil
}

func csiSnapshot(s snapshot) *csi.Snapshot {
	return &csi.Snapshot{
		SnapshotId: s.ID, SourceVolumeId: s.SourceVol, SizeBytes: s.Size,
		CreationTime: timestamppb.New(time.Unix(0, s.CreatedAt)), ReadyToUse: true,
	}
}

func (d *driver) DeleteSnapshot(_ contextT, req *csi.DeleteSnapshotRequest) (*csi.DeleteSnapshotResponse, error) {
	if d.cfg.noSnapshot {
		return nil, noSnapshots("DeleteSnapshot")
	}
	id := req.GetSnapshotId()
	if id == "" {
		return nil, status.Error(codes.InvalidArgument, "snapshot ID missing in request")
	}
	d.store.mu.Lock()
	defer d.store.mu.Unlock()
	var kept []snapshot
	for _, s := range d.store.st.Snapshots {
		if s.ID != id {
			kept = append(kept, s)
		}
	}
	if err := os.RemoveAll(d.snapshotPath(id)); err != nil {
		return nil, status.Errorf(codes.Internal, "removing snapshot %s: %v", id, err)
	}
	d.store.st.Snapshots = kept
	if err := d.store.save(); err != nil {
		return nil, status.Errorf(codes.Internal, "saving state: %v", err)
	}
	return &csi.DeleteSnapshotResponse{}, nil
}

func (d *driver) ListSnapshots(_ contextT, req *csi.ListSnapshotsRequest) (*csi.ListSnapshotsResponse, error) {
	if d.cfg.noSnapshot {
		return nil, noSnapshots("ListSnapshots")
	}
	d.store.mu.Lock()
	defer d.store.mu.Unlock()
	resp := &csi.ListSnapshotsResponse{}
	for _, s := range d.store.st.Snapshots {
		if req.GetSnapshotId() != "" && s.ID != req.GetSnapshotId() {
			continue
		}
		if req.GetSourceVolumeId() != "" && s.SourceVol != req.GetSourceVolumeId() {
			continue
		}
		resp.Entries = append(resp.Entries, &csi.ListSnapshotsResponse_Entry{Snapshot: csiSnapshot(s)})
	}
	return resp, nil
}
