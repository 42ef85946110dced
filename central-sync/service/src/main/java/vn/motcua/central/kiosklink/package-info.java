/**
 * What crosses between central's features and the MQTT edge that talks to the kiosks, without either knowing the
 * other: the downlink that sends to kiosks, and the event that says a kiosk's telemetry arrived.
 */
package vn.motcua.central.kiosklink;
