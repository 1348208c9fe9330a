package dev.berth.model.project;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code blkio_config}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlkioConfig(
        @JsonProperty("weight") Long weight,
        @JsonProperty("weight_device") List<WeightDevice> weightDevice,
        @JsonProperty("device_read_bps") List<ThrottleDevice> deviceReadBps,
        @JsonProperty("device_read_iops") List<ThrottleDevice> deviceReadIops,
        @JsonProperty("device_write_bps") List<ThrottleDevice> deviceWriteBps,
        @JsonProperty("device_write_iops") List<ThrottleDevice> deviceWriteIops) {

    public BlkioConfig {
        weightDevice = Copy.list(weightDevice);
        deviceReadBps = Copy.list(deviceReadBps);
        deviceReadIops = Copy.list(deviceReadIops);
        deviceWriteBps = Copy.list(deviceWriteBps);
        deviceWriteIops = Copy.list(deviceWriteIops);
    }
}
