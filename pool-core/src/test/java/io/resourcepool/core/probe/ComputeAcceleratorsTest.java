package io.resourcepool.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComputeAcceleratorsTest {
    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NVIDIA Corporation                     | GA100 [A100 SXM4 40GB]
            NVIDIA Corporation                     | GH100 [H100 PCIe]
            NVIDIA                                 | Tesla T4
            NVIDIA Corporation                     | AD102 [GeForce RTX 4090]
            Advanced Micro Devices, Inc. [AMD/ATI] | Aldebaran/MI200 [Instinct MI250X]
            Advanced Micro Devices, Inc. [AMD/ATI] | Arcturus GL-XL [Instinct MI100]
            AMD                                    | MI300X
            Intel Corporation                      | Ponte Vecchio XT [Data Center GPU Max 1550]
            Habana Labs Ltd.                       | Gaudi2 AI Training Accelerator
            """)
    void computeAcceleratorsAreCounted(String vendor, String name) {
        assertThat(ComputeAccelerators.isComputeAccelerator(vendor, name)).isTrue();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            VMware                                 | SVGA II Adapter
            VMware, Inc.                           | VMware SVGA 3D
            Red Hat, Inc.                          | QXL paravirtual graphic card
            Red Hat, Inc.                          | Virtio 1.0 GPU
            Cirrus Logic                           | GD 5446
            Device 1234                            | Bochs Standard VGA
            InnoTek Systemberatung GmbH            | VirtualBox Graphics Adapter
            Microsoft Corporation                  | Hyper-V virtual VGA
            Microsoft                              | Microsoft Basic Display Adapter
            ASPEED Technology, Inc.                | ASPEED Graphics Family
            Intel Corporation                      | UHD Graphics 620
            Advanced Micro Devices, Inc. [AMD/ATI] | Navi 21 [Radeon RX 6800]
            Matrox Electronics Systems Ltd.        | MGA G200eR2
            NVIDIA Corporation                     | VMware SVGA passthrough shim
            ''                                     | ''
            """)
    void displayAdaptersAreNot(String vendor, String name) {
        assertThat(ComputeAccelerators.isComputeAccelerator(vendor, name)).isFalse();
    }
}
