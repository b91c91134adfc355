#!/usr/bin/python3
"""NIfTI header fields of shared files as nibabel reads them (run once, output committed). `convert` must
carry them to its output unchanged (issue 20 item 6).

    /usr/bin/python3 tools/reference/header_fields_expected.py \
        > interslice-ops/src/test/resources/org/interslice/ops/header-fields-expected.txt

One line per file: path|sform_code|qform_code|intent_code|intent_p1,p2,p3|intent_name|aux_file|xyzt_units|descrip
"""
import os

import nibabel as nib

SHARED = os.environ.get('INTERSLICE_SHARED_DATA', os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data')))
for f in ['mr-brain/aal.nii.gz', 'mr-brain/ch2-1mm.nii.gz', 'niivue-samples/shear.nii.gz', 'ct-tilt/CT_pitch.nii.gz', 'ct-head/head.nii.gz']:
    h = nib.load(os.path.join(SHARED, f)).header
    text = lambda k: h[k].tobytes().split(b'\0')[0].decode('latin-1')
    print('|'.join([f, str(int(h['sform_code'])), str(int(h['qform_code'])), str(int(h['intent_code'])),
                    ','.join(repr(float(x)) for x in (h['intent_p1'], h['intent_p2'], h['intent_p3'])),
                    text('intent_name'), text('aux_file'), str(int(h['xyzt_units'])), text('descrip')]))
