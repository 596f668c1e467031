"""Read, check and compare LKJIP performance reports of kecamatan."""
