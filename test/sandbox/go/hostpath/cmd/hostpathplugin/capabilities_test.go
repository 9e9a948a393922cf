package main

import (
	"context"
	"testing"

	"github.com/container-storage-interface/spec/lib/go/csi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func testDriver(t *testing.T, noClone, noSnapshot bool) *driver {
	t.Helper()
	d, err := newDriver(config{driverName: "test.csi", nodeID: "n", stateDir: t.TempDir(), maxVolumeSize: 1 << 30, noClone: noClone, noSnapshot: noSnapshot})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func capsOf(t *testing.T, d *driver) map[csi.ControllerServiceCapability_RPC_Type]bool {
	t.Helper()
	resp, err := d.ControllerGetCapabilities(context.Background(), &csi.ControllerGetCapabilitiesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[csi.ControllerServiceCapability_RPC_Type]bool{}
	for _, c := range resp.GetCapabilities() {
		got[c.GetRpc().GetType()] = true
	}
	return got
}

var mount = []*csi.VolumeCapability{{AccessType: &csi.VolumeCapability_Mount{Mount: &csi.VolumeCapability_MountVolume{}}}}

func create(d *driver, name string, src *csi.VolumeContentSource) (*csi.CreateVolumeResponse, error) {
	return d.CreateVolume(context.Background(), &csi.CreateVolumeRequest{Name: name, VolumeCapabilities: mount, VolumeContentSource: src})
}

func fromVolume(id string) *csi.VolumeContentSource {
	return &csi.VolumeContentSource{Type: &csi.VolumeContentSource_Volume{Volume: &csi.VolumeContentSource_VolumeSource{VolumeId: id}}}
}

func wantCode(t *testing.T, err error, code codes.Code, msg string) {
	t.Helper()
	if status.Code(err) != code || status.Convert(err).Message() != msg {
		t.Fatalf("got %v, want %v %q", err, code, msg)
	}
}

func TestDefaultsAdvertiseAndServeCloneAndSnapshot(t *testing.T) {
	d := testDriver(t, false, false)
	caps := capsOf(t, d)
	for _, c := range []csi.ControllerServiceCapability_RPC_Type{
		csi.ControllerServiceCapability_RPC_CREATE_DELETE_VOLUME, csi.ControllerServiceCapability_RPC_CLONE_VOLUME,
		csi.ControllerServiceCapability_RPC_CREATE_DELETE_SNAPSHOT, csi.ControllerServiceCapability_RPC_LIST_SNAPSHOTS,
		csi.ControllerServiceCapability_RPC_LIST_VOLUMES, csi.ControllerServiceCapability_RPC_EXPAND_VOLUME,
	} {
		if !caps[c] {
			t.Errorf("capability %v missing", c)
		}
	}
	src, err := create(d, "src", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := create(d, "clone", fromVolume(src.GetVolume().GetVolumeId())); err != nil {
		t.Fatalf("clone: %v", err)
	}
	if _, err := d.CreateSnapshot(context.Background(), &csi.CreateSnapshotRequest{Name: "s", SourceVolumeId: src.GetVolume().GetVolumeId()}); err != nil {
		t.Fatalf("snapshot: %v", err)
	}
}

func TestDisableClone(t *testing.T) {
	d := testDriver(t, true, false)
	caps := capsOf(t, d)
	if caps[csi.ControllerServiceCapability_RPC_CLONE_VOLUME] || !caps[csi.ControllerServiceCapability_RPC_CREATE_DELETE_SNAPSHOT] || !caps[csi.ControllerServiceCapability_RPC_LIST_SNAPSHOTS] {
		t.Fatalf("capabilities %v: want snapshots without CLONE_VOLUME", caps)
	}
	src, err := create(d, "src", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = create(d, "clone", fromVolume(src.GetVolume().GetVolumeId()))
	wantCode(t, err, codes.InvalidArgument, "unsupported capability CLONE_VOLUME")
	if _, ok := d.store.volumeByName("clone"); ok {
		t.Fatal("a refused clone left a volume behind")
	}
	snap, err := d.CreateSnapshot(context.Background(), &csi.CreateSnapshotRequest{Name: "s", SourceVolumeId: src.GetVolume().GetVolumeId()})
	if err != nil {
		t.Fatalf("snapshot: %v", err)
	}
	fromSnap := &csi.VolumeContentSource{Type: &csi.VolumeContentSource_Snapshot{Snapshot: &csi.VolumeContentSource_SnapshotSource{SnapshotId: snap.GetSnapshot().GetSnapshotId()}}}
	if _, err := create(d, "restored", fromSnap); err != nil {
		t.Fatalf("restore: %v", err)
	}
}

func TestDisableSnapshot(t *testing.T) {
	d := testDriver(t, true, true)
	caps := capsOf(t, d)
	for _, c := range []csi.ControllerServiceCapability_RPC_Type{
		csi.ControllerServiceCapability_RPC_CLONE_VOLUME, csi.ControllerServiceCapability_RPC_CREATE_DELETE_SNAPSHOT, csi.ControllerServiceCapability_RPC_LIST_SNAPSHOTS,
	} {
		if caps[c] {
			t.Errorf("capability %v advertised", c)
		}
	}
	if !caps[csi.ControllerServiceCapability_RPC_CREATE_DELETE_VOLUME] {
		t.Error("CREATE_DELETE_VOLUME missing")
	}
	src, err := create(d, "src", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	_, err = d.CreateSnapshot(ctx, &csi.CreateSnapshotRequest{Name: "s", SourceVolumeId: src.GetVolume().GetVolumeId()})
	wantCode(t, err, codes.Unimplemented, "method CreateSnapshot not implemented")
	_, err = d.DeleteSnapshot(ctx, &csi.DeleteSnapshotRequest{SnapshotId: "x"})
	wantCode(t, err, codes.Unimplemented, "method DeleteSnapshot not implemented")
	_, err = d.ListSnapshots(ctx, &csi.ListSnapshotsRequest{})
	wantCode(t, err, codes.Unimplemented, "method ListSnapshots not implemented")
	fromSnap := &csi.VolumeContentSource{Type: &csi.VolumeContentSource_Snapshot{Snapshot: &csi.VolumeContentSource_SnapshotSource{SnapshotId: "x"}}}
	_, err = create(d, "restored", fromSnap)
	wantCode(t, err, codes.InvalidArgument, "unsupported capability CREATE_DELETE_SNAPSHOT")
}
